/*
 * test-mail-redirect.c - the redirected copy (RFC 5228 section 4.2) built
 * by src/mail/redirect.c, serialized and parsed back with GMime: the
 * X-Sieve-Redirected-From field, Return-Path dropped, the message (as the
 * caller edited it) otherwise unchanged, the envelope sender per
 * configuration and the null-sender rule, the forward-path form, and loop
 * detection.
 */
#include <string.h>

#include "mail/gmime-autoptr.h"
#include "mail/limits.h"
#include "mail/mail-error.h"
#include "mail/redirect.h"
#include "mail-test-util.h"

static const char message_text[] =
  "Return-Path: <sirius@example.org>\r\n"
  "From: stephan@example.org\r\n"
  "To: tss@example.net\r\n"
  "X-Edited: added by the script\r\n"
  "Subject: Frop!\r\n"
  "\r\n"
  "Frop!\r\n";

static PrdrMailOutgoing *
build (const PrdrMailOrigin *origin, const char *setting, const char *to, const char *text,
       GError **error)
{
  PrdrMailSenderSource source = { 0 };
  g_assert_true (prdr_mail_sender_source_parse (setting, &source, NULL));
  PrdrMailRedirect r = { origin, &source, to };
  g_autoptr (GMimeStream) stream = mail_test_stream (text);
  g_mime_stream_seek (stream, 0, GMIME_STREAM_SEEK_END);   /* build reads from the start */
  PrdrMailOutgoing *out = prdr_mail_redirect_build (&r, stream, error);
  prdr_mail_sender_source_clear (&source);
  return out;
}

static GMimeMessage *
sent (const PrdrMailOutgoing *out, GByteArray **bytes)
{
  GByteArray *data = mail_test_serialize (GMIME_OBJECT (out->message));
  GMimeMessage *m = mail_test_parse (data->data, data->len);
  *bytes = data;
  return m;
}

static void
test_redirect_copy (void)
{
  PrdrMailOrigin origin = { "sirius@example.org", "timo@example.net", NULL, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrMailOutgoing) out = build (&origin, NULL, "cras@example.net", message_text,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out->sender, ==, "sirius@example.org");
  g_assert_cmpuint (out->recipients->len, ==, 1);
  g_assert_cmpstr (out->recipients->pdata[0], ==, "cras@example.net");
  g_autoptr (GByteArray) bytes = NULL;
  g_autoptr (GMimeMessage) m = sent (out, &bytes);
  g_autofree char *text = g_strndup ((const char *) bytes->data, bytes->len);
  /* our field on top, Return-Path gone, the rest as the caller gave it */
  g_assert_true (g_str_has_prefix (text, "X-Sieve-Redirected-From: timo@example.net\n"));
  g_assert_null (strstr (text, "Return-Path"));
  g_assert_nonnull (strstr (text, "From: stephan@example.org\nTo: tss@example.net\n"
                                  "X-Edited: added by the script\nSubject: Frop!\n\nFrop!\n"));
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (m), "X-Edited"), ==,
                   "added by the script");
}

/* the copy is the message octet for octet below our field (folding, odd
 * spacing, MIME preamble and epilogue, 8-bit text), so that signatures
 * such as DKIM still verify */
static void
test_redirect_octets (void)
{
  static const char original[] =
    "DKIM-Signature: v=1; a=rsa-sha256; d=example.org;\n\tb=abc\n  def\n"
    "From:   Odd  Spacing <a@example.org>\nTo: b@example.net\nSubject:no space\n"
    "MIME-Version: 1.0\nContent-Type: multipart/mixed;\n boundary=\"XX\"\n\n"
    "preamble text\n--XX\nContent-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: 8bit\n\nH\xc3\xa9llo   trailing   \n\n"
    "--XX\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"
    "AAAA\nBBBB\n--XX--\nepilogue\n";
  PrdrMailOrigin origin = { "a@example.org", "me@example.net", NULL, NULL, NULL };
  g_autofree char *with_path = g_strconcat ("Return-Path: <a@example.org>\n", original, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrMailOutgoing) out = build (&origin, NULL, "x@example.net", with_path, &error);
  g_assert_no_error (error);
  g_autoptr (GByteArray) bytes = mail_test_serialize (GMIME_OBJECT (out->message));
  g_autofree char *got = g_strndup ((const char *) bytes->data, bytes->len);
  g_autofree char *want = g_strconcat ("X-Sieve-Redirected-From: me@example.net\n", original,
                                       NULL);
  g_assert_cmpstr (got, ==, want);
}

/* a bare CR in a header field (hostile input) becomes a space in the copy;
 * CRLF line ends and the body stay as they are */
static void
test_redirect_bare_cr (void)
{
  static const char original[] =
    "From: a@example.org\r\nSubject: one\rtwo\r\nX-Odd: \r\r\n\r\nbody\rkept\r\n";
  PrdrMailOrigin origin = { "a@example.org", "me@example.net", NULL, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrMailOutgoing) out = build (&origin, NULL, "x@example.net", original, &error);
  g_assert_no_error (error);
  g_autoptr (GByteArray) bytes = mail_test_serialize (GMIME_OBJECT (out->message));
  g_autofree char *got = g_strndup ((const char *) bytes->data, bytes->len);
  const char *body = strstr (got, "\n\n");
  g_assert_nonnull (body);
  for (const char *p = got; p < body; p++)
    g_assert_false (*p == '\r' && p[1] != '\n');
  g_assert_nonnull (strstr (got, "Subject: one two"));
  g_assert_nonnull (strstr (body, "body\rkept"));
}

/* redirected_octets - the copy of @original (@length octets, NULs allowed)
 * as it is sent */
static char *
redirected_octets (const char *original, gsize length)
{
  PrdrMailOrigin origin = { "a@example.org", "me@example.net", NULL, NULL, NULL };
  PrdrMailRedirect r = { &origin, NULL, "x@example.net" };
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (original, length);
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrMailOutgoing) out = prdr_mail_redirect_build (&r, stream, &error);
  g_assert_no_error (error);
  g_autoptr (GByteArray) bytes = mail_test_serialize (GMIME_OBJECT (out->message));
  return g_strndup ((const char *) bytes->data, bytes->len);
}

/* a NUL octet in a header field ends that field: the rest of its line is
 * lost, but the next field is not glued to it (GMime alone would write
 * "X-A: bSubject: y") */
static void
test_redirect_header_nul (void)
{
  static const char original[] = "From: a@example.org\nX-A: b\0c\nSubject: y\n\nbody\n";
  g_autofree char *got = redirected_octets (original, sizeof original - 1);
  g_assert_cmpstr (got, ==, "X-Sieve-Redirected-From: me@example.net\nFrom: a@example.org\n"
                   "X-A: b\nSubject: y\n\nbody\n");
}

/* the same for the Content-* fields, which GMime keeps apart (in the
 * message's MIME part) */
static void
test_redirect_content_fields (void)
{
  static const char original[] =
    "From: a@example.org\nContent-Type: text/plain\r; x\0y\nSubject: y\n\nbody\n";
  g_autofree char *got = redirected_octets (original, sizeof original - 1);
  g_assert_nonnull (strstr (got, "\nContent-Type: text/plain ; x\n"));
  g_assert_nonnull (strstr (got, "\nSubject: y\n"));
  g_assert_null (strchr (got, '\r'));
}

static void
test_redirect_envelope (void)
{
  PrdrMailOrigin origin = { "sirius@example.org", "timo@example.net", "tss@example.net",
                            NULL, "postmaster@example.net" };
  static const struct { const char *sender, *setting, *want; } cases[] = {
    { "sirius@example.org", NULL, "sirius@example.org" },
    { "sirius@example.org", "recipient", "timo@example.net" },
    { "sirius@example.org", "orig_recipient", "tss@example.net" },
    { "sirius@example.org", "user_email", "timo@example.net" },
    { "sirius@example.org", "<backscatter@example.net>", "backscatter@example.net" },
    { "sirius@example.org", "<>", "" },
    { "sirius@example.org", "<\"Back Scatter\"@example.net>", "\"Back Scatter\"@example.net" },
    /* RFC 5228 4.2: the null sender stays null whatever is configured */
    { "", NULL, "" },
    { "", "<backscatter@example.net>", "" },
    { "", "recipient", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    origin.sender = cases[i].sender;
    g_autoptr (PrdrMailOutgoing) out = build (&origin, cases[i].setting, "cras@example.net",
                                              message_text, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (out->sender, ==, cases[i].want);
  }
  /* the owner's configured address marks the copy and becomes user_email */
  origin.sender = "sirius@example.org";
  origin.user_address = "t.sirainen@example.net";
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrMailOutgoing) out = build (&origin, "user_email", "cras@example.net",
                                            message_text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out->sender, ==, "t.sirainen@example.net");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (out->message),
                                             "X-Sieve-Redirected-From"),
                   ==, "t.sirainen@example.net");
}

static void
test_redirect_target (void)
{
  PrdrMailOrigin origin = { "timo@example.net", "sirius@example.org", NULL, NULL, NULL };
  static const struct { const char *to, *path; } cases[] = {
    { "\"S[r]us\"@example.net", "\"S[r]us\"@example.net" },
    { "\"Sirius\"@example.net", "Sirius@example.net" },
    { "\"S.Bosch\"@example.net", "S.Bosch@example.net" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (PrdrMailOutgoing) out = build (&origin, NULL, cases[i].to, message_text, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (out->recipients->pdata[0], ==, cases[i].path);
  }
  static const char *const bad[] = { "cras", "-oQ/tmp@example.net>", "a@b\r\nc", "" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) error = NULL;
    g_assert_null (build (&origin, NULL, bad[i], message_text, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  }
}

static int
count_fields (GMimeMessage *m, const char *name)
{
  GMimeHeaderList *h = g_mime_object_get_header_list (GMIME_OBJECT (m));
  int n = 0;
  for (int i = 0; i < g_mime_header_list_get_count (h); i++)
    n += g_ascii_strcasecmp (g_mime_header_get_name (g_mime_header_list_get_header_at (h, i)),
                             name) == 0;
  return n;
}

static void
test_redirect_loop (void)
{
  PrdrMailOrigin origin = { "sirius@example.org", "timo@example.net", "tss@example.net",
                            NULL, NULL };
  static const struct { const char *user, *fields; gboolean loops; } cases[] = {
    { NULL, "X-Sieve-Redirected-From: timo@example.net\r\n", TRUE },
    { NULL, "X-Sieve-Redirected-From: <Timo@Example.NET>\r\n", TRUE },
    { "t.sirainen@example.net", "X-Sieve-Redirected-From: t.sirainen@example.net\r\n", TRUE },
    /* the final recipient still counts when an owner address is configured */
    { "t.sirainen@example.net", "X-Sieve-Redirected-From: timo@example.net\r\n", TRUE },
    { "t.sirainen@example.net", "X-Sieve-Redirected-From: stephan@example.net\r\n"
                                "X-Sieve-Redirected-From: t.sirainen@example.net\r\n", TRUE },
    { NULL, "X-Sieve-Redirected-From: someone@example.net\r\n", FALSE },
    { NULL, "X-Other: timo@example.net\r\n", FALSE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    origin.user_address = cases[i].user;
    g_autofree char *text = g_strconcat (cases[i].fields, message_text, NULL);
    g_autoptr (PrdrMailOutgoing) out = build (&origin, NULL, "cras@example.net", text, &error);
    if (cases[i].loops) {
      g_assert_null (out);
      g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING);
      g_assert_nonnull (strstr (error->message, "loop"));
    } else {
      g_assert_no_error (error);
      /* ours on top, earlier hops kept below it */
      GMimeHeaderList *h = g_mime_object_get_header_list (GMIME_OBJECT (out->message));
      g_assert_cmpstr (g_mime_header_get_name (g_mime_header_list_get_header_at (h, 0)), ==,
                       "X-Sieve-Redirected-From");
      g_assert_cmpint (count_fields (out->message, "X-Sieve-Redirected-From"), ==,
                       strstr (cases[i].fields, "X-Sieve") != NULL ? 2 : 1);
    }
  }
  /* too many hops is a loop even when none names us */
  origin.user_address = NULL;
  g_autoptr (GString) many = g_string_new (NULL);
  for (int i = 0; i <= PRDR_MAIL_REDIRECT_HOPS_MAX; i++)
    g_string_append_printf (many, "X-Sieve-Redirected-From: hop%d@example.org\r\n", i);
  g_string_append (many, message_text);
  g_autoptr (GError) error = NULL;
  g_assert_null (build (&origin, NULL, "cras@example.net", many->str, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mail/redirect/copy", test_redirect_copy);
  g_test_add_func ("/mail/redirect/octets", test_redirect_octets);
  g_test_add_func ("/mail/redirect/bare-cr", test_redirect_bare_cr);
  g_test_add_func ("/mail/redirect/header-nul", test_redirect_header_nul);
  g_test_add_func ("/mail/redirect/content-fields", test_redirect_content_fields);
  g_test_add_func ("/mail/redirect/envelope", test_redirect_envelope);
  g_test_add_func ("/mail/redirect/target", test_redirect_target);
  g_test_add_func ("/mail/redirect/loop", test_redirect_loop);
  int rc = g_test_run ();
  g_mime_shutdown ();
  return rc;
}
