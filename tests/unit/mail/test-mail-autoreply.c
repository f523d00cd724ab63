/*
 * test-mail-autoreply.c - automatic replies (RFC 5230 section 5, RFC 3834)
 * built by src/mail/autoreply.c, serialized and parsed back with GMime:
 * headers, threading, subject rules, :mime bodies, hostile original headers
 * (encoded CR/LF in the Subject, broken Message-IDs), and the rules for
 * when no reply may be sent.
 */
#include <string.h>

#include "mail/autoreply.h"
#include "mail/limits.h"
#include "mail/mail-error.h"
#include "mail-test-util.h"

static GMimeMessage *
original (const char *headers)
{
  g_autofree char *text = g_strdup_printf ("%s\r\nHello Bob.\r\n", headers);
  return mail_test_parse ((const guint8 *) text, strlen (text));
}

/* reparse - @built (taken) serialized and parsed back; the serialized
 * octets in *@bytes (may be NULL). */
static GMimeMessage *
reparse (GMimeMessage *built, GByteArray **bytes)
{
  GByteArray *data = mail_test_serialize (GMIME_OBJECT (built));
  g_object_unref (built);
  GMimeMessage *parsed = mail_test_parse (data->data, data->len);
  if (bytes != NULL)
    *bytes = data;
  else
    g_byte_array_unref (data);
  return parsed;
}

/* reply - build with the defaults, serialize, parse back. */
static GMimeMessage *
reply (const PrdrMailAutoreply *r, GMimeMessage *orig, GByteArray **bytes)
{
  GError *error = NULL;
  GMimeMessage *built = prdr_mail_autoreply_build (r, orig, &error);
  g_assert_no_error (error);
  return reparse (built, bytes);
}

static const char *
mailbox (InternetAddressList *list)
{
  g_assert_cmpint (internet_address_list_length (list), ==, 1);
  return internet_address_mailbox_get_addr (
      INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (list, 0)));
}

static void
test_autoreply_basic (void)
{
  GMimeMessage *orig = original ("From: Alice <alice@example.org>\r\n"
                                 "To: bob@example.net\r\n"
                                 "Subject: Lunch on Friday?\r\n"
                                 "Message-ID: <m2@example.org>\r\n"
                                 "References: <m0@example.org> <m1@example.org>\r\n");
  PrdrMailAutoreply r = { "mx.test.example", "bob@example.net", "Bob Müller",
                          "alice@example.org", NULL, "I am away until Monday.\nBob", FALSE };
  GMimeMessage *got = reply (&r, orig, NULL);
  GMimeObject *top = GMIME_OBJECT (got);
  g_assert_cmpstr (mailbox (g_mime_message_get_from (got)), ==, "bob@example.net");
  InternetAddress *from = internet_address_list_get_address (g_mime_message_get_from (got), 0);
  g_assert_cmpstr (internet_address_get_name (from), ==, "Bob Müller");
  g_assert_cmpstr (mailbox (g_mime_message_get_to (got)), ==, "alice@example.org");
  g_assert_cmpstr (g_mime_message_get_subject (got), ==, "Auto: Lunch on Friday?");
  g_assert_cmpstr (g_mime_object_get_header (top, "Auto-Submitted"), ==, "auto-replied");
  g_assert_cmpstr (g_mime_object_get_header (top, "In-Reply-To"), ==, "<m2@example.org>");
  GMimeReferences *refs = g_mime_references_parse (NULL,
      g_mime_object_get_header (top, "References"));
  g_assert_cmpint (g_mime_references_length (refs), ==, 3);
  g_assert_cmpstr (g_mime_references_get_message_id (refs, 0), ==, "m0@example.org");
  g_assert_cmpstr (g_mime_references_get_message_id (refs, 2), ==, "m2@example.org");
  g_mime_references_free (refs);
  g_assert_true (g_str_has_suffix (g_mime_message_get_message_id (got), "@mx.test.example"));
  g_assert_nonnull (g_mime_message_get_date (got));
  GMimeObject *body = g_mime_message_get_mime_part (got);
  g_assert_true (GMIME_IS_TEXT_PART (body));
  g_autofree char *text = g_mime_text_part_get_text (GMIME_TEXT_PART (body));
  g_assert_cmpstr (text, ==, "I am away until Monday.\nBob\n");
  g_object_unref (got);
  g_object_unref (orig);
}

/* Subject: given, "Auto: " + original, or "Automated reply"; no original. */
static void
test_autoreply_subject (void)
{
  PrdrMailAutoreply r = { "mx.test.example", "bob@example.net", NULL,
                          "alice@example.org", "Out of office", "away", FALSE };
  GMimeMessage *orig = original ("Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n");
  GMimeMessage *a = reply (&r, orig, NULL);
  g_assert_cmpstr (g_mime_message_get_subject (a), ==, "Out of office");
  r.subject = NULL;
  GMimeMessage *b = reply (&r, orig, NULL);
  g_assert_cmpstr (g_mime_message_get_subject (b), ==, "Auto: Grüße");
  GMimeMessage *none = original ("From: alice@example.org\r\n");
  GMimeMessage *c = reply (&r, none, NULL);
  g_assert_cmpstr (g_mime_message_get_subject (c), ==, "Automated reply");
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (c), "In-Reply-To"));
  GMimeMessage *d = reply (&r, NULL, NULL);
  g_assert_cmpstr (g_mime_message_get_subject (d), ==, "Automated reply");
  g_object_unref (a); g_object_unref (b); g_object_unref (c); g_object_unref (d);
  g_object_unref (orig); g_object_unref (none);
}

static void
assert_no_line (GByteArray *bytes, const char *prefix)
{
  g_autofree char *text = g_strndup ((const char *) bytes->data, bytes->len);
  g_auto (GStrv) lines = g_strsplit_set (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], prefix, strlen (prefix)) == 0)
      g_error ("injected line \"%s\" found in the reply", lines[i]);
}

/* An encoded CR LF in the original Subject, and a hostile given subject and
 * From name, create no header. */
static void
test_autoreply_hostile (void)
{
  GMimeMessage *orig = original ("Subject: =?utf-8?q?hi=0D=0ABcc:_victim@example.com?=\r\n"
                                 "Message-ID: <bad id@example.org>\r\n");
  PrdrMailAutoreply r = { "mx.test.example", "bob@example.net", "Bob\r\nBcc: x@example.com",
                          "alice@example.org", NULL, "away", FALSE };
  GByteArray *bytes = NULL;
  GMimeMessage *got = reply (&r, orig, &bytes);
  assert_no_line (bytes, "Bcc:");
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (got), "Bcc"));
  g_assert_cmpstr (g_mime_message_get_subject (got), ==, "Auto: hi  Bcc: victim@example.com");
  g_byte_array_unref (bytes);
  g_object_unref (got);

  r.subject = "Away\r\nBcc: victim@example.com";
  got = reply (&r, orig, &bytes);
  assert_no_line (bytes, "Bcc:");
  g_assert_cmpstr (g_mime_message_get_subject (got), ==, "Away  Bcc: victim@example.com");
  g_byte_array_unref (bytes);
  g_object_unref (got);
  g_object_unref (orig);

  PrdrMailAutoreply no_from = { "mx.test.example", NULL, NULL, "alice@example.org",
                                NULL, "away", FALSE };
  GError *no_from_error = NULL;
  g_assert_null (prdr_mail_autoreply_build (&no_from, NULL, &no_from_error));
  g_assert_error (no_from_error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  g_clear_error (&no_from_error);
  const char *bad_to[] = { "alice@example.org\r\nBcc: x@example.com", "-oi", "" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad_to); i++) {
    PrdrMailAutoreply b = { "mx.test.example", "bob@example.net", NULL, bad_to[i],
                            NULL, "away", FALSE };
    GError *error = NULL;
    g_assert_null (prdr_mail_autoreply_build (&b, NULL, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_autofree char *huge = g_strnfill (PRDR_MAIL_AUTOREPLY_BODY_MAX + 1, 'x');
  PrdrMailAutoreply big = { "mx.test.example", "bob@example.net", NULL,
                            "alice@example.org", NULL, huge, FALSE };
  GError *error = NULL;
  g_assert_null (prdr_mail_autoreply_build (&big, NULL, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  g_clear_error (&error);
}

/* References keep the newest PRDR_MAIL_REFERENCES_MAX ids. */
static void
test_autoreply_references_bound (void)
{
  g_autoptr (GString) headers = g_string_new ("Message-ID: <last@example.org>\r\nReferences:");
  for (int i = 0; i < 50; i++)
    g_string_append_printf (headers, " <r%d@example.org>", i);
  g_string_append (headers, "\r\n");
  GMimeMessage *orig = original (headers->str);
  PrdrMailAutoreply r = { "mx.test.example", "bob@example.net", NULL,
                          "alice@example.org", NULL, "away", FALSE };
  GMimeMessage *got = reply (&r, orig, NULL);
  GMimeReferences *refs = g_mime_references_parse (NULL,
      g_mime_object_get_header (GMIME_OBJECT (got), "References"));
  g_assert_cmpint (g_mime_references_length (refs), ==, PRDR_MAIL_REFERENCES_MAX);
  g_assert_cmpstr (g_mime_references_get_message_id (refs, PRDR_MAIL_REFERENCES_MAX - 1), ==,
                   "last@example.org");
  g_assert_cmpstr (g_mime_references_get_message_id (refs, 0), ==, "r31@example.org");
  g_mime_references_free (refs);
  g_object_unref (got);
  g_object_unref (orig);
}

/* vacation :mime: a MIME entity as the body; only Content-* headers. */
static void
test_autoreply_mime (void)
{
  PrdrMailAutoreply r = { "mx.test.example", "bob@example.net", NULL, "alice@example.org",
                          NULL,
                          "Content-Type: text/html; charset=us-ascii\r\n\r\n<p>Away</p>\r\n",
                          TRUE };
  GMimeMessage *got = reply (&r, NULL, NULL);
  GMimeObject *body = g_mime_message_get_mime_part (got);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (body),
                                              "text", "html"));
  g_autofree char *html = mail_test_part_content (body);
  g_assert_nonnull (strstr (html, "<p>Away</p>"));
  g_object_unref (got);

  const char *bad[] = {
    "Bcc: victim@example.com\r\nContent-Type: text/plain\r\n\r\nhi\r\n",
    "Content-Type: text/plain; name=\"caf\xc3\xa9\"\r\n\r\nhi\r\n",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    r.body = bad[i];
    GError *error = NULL;
    g_assert_null (prdr_mail_autoreply_build (&r, NULL, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* When no reply may be sent. */
static void
test_autoreply_wanted (void)
{
  const char *reason = NULL;
  GMimeMessage *plain = original ("From: alice@example.org\r\nAuto-Submitted: no\r\n");
  g_assert_true (prdr_mail_autoreply_wanted ("alice@example.org", plain, &reason));
  g_assert_null (reason);
  const char *robots[] = { "", "<>", "MAILER-DAEMON@example.org", "owner-list@example.org",
                           "list-request@example.org", "majordomo@example.org",
                           "LISTSERV" };
  for (gsize i = 0; i < G_N_ELEMENTS (robots); i++) {
    g_assert_false (prdr_mail_autoreply_wanted (robots[i], plain, &reason));
    g_assert_nonnull (reason);
  }
  const char *headers[] = {
    "Auto-Submitted: auto-replied\r\n", "Auto-Submitted: auto-generated; x=y\r\n",
    "List-Id: <list.example.org>\r\n", "List-Unsubscribe: <mailto:u@example.org>\r\n",
    "Precedence: bulk\r\n", "Precedence: JUNK\r\n",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++) {
    GMimeMessage *m = original (headers[i]);
    reason = NULL;
    g_assert_false (prdr_mail_autoreply_wanted ("alice@example.org", m, &reason));
    g_assert_nonnull (reason);
    g_object_unref (m);
  }
  g_assert_true (prdr_mail_autoreply_wanted ("postmaster@example.org", NULL, NULL));
  g_object_unref (plain);
}

/* reply_with - reply () with the caller's settings. */
static GMimeMessage *
reply_with (const PrdrMailAutoreply *r, const PrdrMailAutoreplyConfig *config,
            GMimeMessage *orig, GByteArray **bytes)
{
  GError *error = NULL;
  GMimeMessage *built = prdr_mail_autoreply_build_with_config (r, config, orig, &error);
  g_assert_no_error (error);
  return reparse (built, bytes);
}

/* field_lines - the lines of header field @name ("Subject") as written. */
static GStrv
field_lines (GByteArray *bytes, const char *name)
{
  g_autofree char *text = g_strndup ((const char *) bytes->data, bytes->len);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GStrvBuilder) out = g_strv_builder_new ();
  gboolean in = FALSE;
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++) {
    if (lines[i][0] != ' ' && lines[i][0] != '\t')
      in = g_ascii_strncasecmp (lines[i], name, strlen (name)) == 0
          && lines[i][strlen (name)] == ':';
    if (in)
      g_strv_builder_add (out, lines[i]);
  }
  return g_strv_builder_end (out);
}

/* The caller's default subject and template (Pigeonhole's
 * sieve_vacation_default_subject and _template); an empty :subject counts
 * as none. */
static void
test_autoreply_subject_config (void)
{
  PrdrMailAutoreplyConfig config = { "Something colorful", "Automatisch bericht: %{subject}",
                                     0, FALSE };
  PrdrMailAutoreply r = { "mx.test.example", "bob@example.net", NULL,
                          "alice@example.org", "", "away", FALSE };
  GMimeMessage *with = original ("Subject: Bloemetjes\r\n");
  GMimeMessage *without = original ("From: alice@example.org\r\n");
  GMimeMessage *a = reply_with (&r, &config, with, NULL);
  g_assert_cmpstr (g_mime_message_get_subject (a), ==, "Automatisch bericht: Bloemetjes");
  GMimeMessage *b = reply_with (&r, &config, without, NULL);
  g_assert_cmpstr (g_mime_message_get_subject (b), ==, "Something colorful");
  config.subject_template = "%$ (100%% away)";
  GMimeMessage *c = reply_with (&r, &config, with, NULL);
  g_assert_cmpstr (g_mime_message_get_subject (c), ==, "Bloemetjes (100% away)");
  GMimeMessage *d = reply_with (&r, NULL, without, NULL);
  g_assert_cmpstr (g_mime_message_get_subject (d), ==, "Automated reply");
  g_object_unref (a); g_object_unref (b); g_object_unref (c); g_object_unref (d);
  g_object_unref (with); g_object_unref (without);
}

/* assert_words - every line of the Subject fits in 78 octets and every
 * encoded word in 75 (RFC 2047 section 2). */
static void
assert_words (GByteArray *bytes)
{
  g_auto (GStrv) lines = field_lines (bytes, "Subject");
  g_assert_cmpuint (g_strv_length (lines), >, 1);
  for (guint i = 0; lines[i] != NULL; i++) {
    g_assert_cmpuint (strlen (lines[i]), <=, 78);
    const char *word = strstr (lines[i], "=?");
    g_assert_nonnull (word);
    g_assert_cmpuint (strlen (word), <=, 75);
  }
}

/* A long subject is cut to PRDR_MAIL_SUBJECT_CHARS_DEFAULT characters
 * ending in an ellipsis: a Japanese one whose encoded words end in base64
 * padding is decoded whole first, and the reply's words read back (with
 * GMime, which joins adjacent words) to the same text. */
static void
test_autoreply_subject_long (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) headers = g_string_new ("Subject:");
  for (int i = 0; i < 80; i++) {
    /* 以つわづ and 聞65絵: the digits shift the 3-octet rhythm */
    const char *chunk = i % 2 ? "\xe4\xbb\xa5\xe3\x81\xa4\xe3\x82\x8f\xe3\x81\xa5"
                              : "\xe8\x81\x9e" "65\xe7\xb5\xb5";
    g_autofree char *b64 = g_base64_encode ((const guchar *) chunk, strlen (chunk));
    g_string_append (text, chunk);
    g_string_append_printf (headers, " =?UTF-8?B?%s?=\r\n", b64);
  }
  GMimeMessage *orig = original (headers->str);
  PrdrMailAutoreply r = { "mx.test.example", "bob@example.net", NULL,
                          "alice@example.org", NULL, "away", FALSE };
  GByteArray *bytes = NULL;
  GMimeMessage *got = reply (&r, orig, &bytes);
  const char *subject = g_mime_message_get_subject (got);
  g_assert_cmpint (g_utf8_strlen (subject, -1), ==, PRDR_MAIL_SUBJECT_CHARS_DEFAULT);
  g_assert_true (g_str_has_suffix (subject, "\xe2\x80\xa6"));
  g_autofree char *want = g_strconcat ("Auto: ", text->str, NULL);
  gsize kept = strlen (subject) - 3;
  g_assert_cmpmem (subject, kept, want, kept);
  assert_words (bytes);
  g_byte_array_unref (bytes);
  g_object_unref (got);

  PrdrMailAutoreplyConfig config = { NULL, NULL, 20, FALSE };
  got = reply_with (&r, &config, orig, NULL);
  g_assert_cmpint (g_utf8_strlen (g_mime_message_get_subject (got), -1), ==, 20);
  g_object_unref (got);
  g_object_unref (orig);

  g_autofree char *lorem = g_strnfill (400, 'a');
  r.subject = lorem;
  config.subject_max_chars = 100000;          /* capped */
  got = reply_with (&r, &config, NULL, NULL);
  g_assert_cmpint (g_utf8_strlen (g_mime_message_get_subject (got), -1), ==, 400);
  g_object_unref (got);
  g_autofree char *huge = g_strnfill (5000, 'a');
  r.subject = huge;
  got = reply_with (&r, &config, NULL, NULL);
  g_assert_cmpint (g_utf8_strlen (g_mime_message_get_subject (got), -1), ==,
                   PRDR_MAIL_SUBJECT_CHARS_MAX);
  g_object_unref (got);
}

/* To: the envelope sender with the display name of the original's Sender
 * or From naming it, "<address>" alone otherwise, or (to_ignore_envelope)
 * the Sender whatever the envelope says; From from a "Name <address>". */
static void
test_autoreply_to (void)
{
  GMimeMessage *orig = original (
      "From: \"Stephan Bosch\" <stephan@example.org>\r\n"
      "Sender: Hendrik-Jan \"HJ\" Tuinman <h.j.tuinman@example.org>\r\n");
  PrdrMailAutoreply r = { "mx.test.example", "Timo Sirainen <sirainen@example.net>", NULL,
                          "stephan@example.org", NULL, "away", FALSE };
  const struct { const char *envelope; gboolean ignore; const char *line; } cases[] = {
    { "stephan@example.org", FALSE, "To: \"Stephan Bosch\" <stephan@example.org>" },
    { "H.J.Tuinman@example.org", FALSE,
      "To: \"Hendrik-Jan HJ Tuinman\" <h.j.tuinman@example.org>" },
    { "arie@example.org", FALSE, "To: <arie@example.org>" },
    { "srs0=x@example.org", TRUE,
      "To: \"Hendrik-Jan HJ Tuinman\" <h.j.tuinman@example.org>" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    PrdrMailAutoreplyConfig config = { NULL, NULL, 0, cases[i].ignore };
    r.to = cases[i].envelope;
    GByteArray *bytes = NULL;
    GMimeMessage *got = reply_with (&r, &config, orig, &bytes);
    g_auto (GStrv) to = field_lines (bytes, "To");
    g_assert_cmpstr (to[0], ==, cases[i].line);
    g_auto (GStrv) from = field_lines (bytes, "From");
    g_assert_cmpstr (from[0], ==, "From: \"Timo Sirainen\" <sirainen@example.net>");
    g_assert_cmpstr (mailbox (g_mime_message_get_from (got)), ==, "sirainen@example.net");
    g_byte_array_unref (bytes);
    g_object_unref (got);
  }
  r.from = "sirainen@example.net";
  r.from_name = "Timo \"TS\" \\ Sirainen";
  GByteArray *bytes = NULL;
  GMimeMessage *got = reply (&r, orig, &bytes);
  g_auto (GStrv) from = field_lines (bytes, "From");
  g_assert_cmpstr (from[0], ==, "From: \"Timo \\\"TS\\\" \\\\ Sirainen\" <sirainen@example.net>");
  InternetAddress *ia = internet_address_list_get_address (g_mime_message_get_from (got), 0);
  g_assert_cmpstr (internet_address_get_name (ia), ==, r.from_name);
  g_byte_array_unref (bytes);
  g_object_unref (got);
  g_object_unref (orig);
}

/* prdr_mail_autoreply_decide: RFC 5230 section 4.5 (the user's address in
 * a recipient field), no reply to oneself, and the From it chooses. */
static void
test_autoreply_decide (void)
{
  GMimeMessage *to_all = original ("To: all@example.com\r\nCc: Tss <TSS@example.net>\r\n");
  const char *addresses[] = { "nobody@example.net", "tss@example.net", NULL };
  PrdrMailAutoreplyUser user = { "stephan@example.com", NULL, NULL, NULL, TRUE };
  PrdrMailAutoreplyFrom from = { NULL, NULL };
  const char *reason = NULL;
  g_assert_false (prdr_mail_autoreply_decide ("timo@example.com", to_all, &user, &from,
                                              &reason));
  g_assert_nonnull (reason);
  user.orig_recipient = "all@example.com";
  g_assert_true (prdr_mail_autoreply_decide ("timo@example.com", to_all, &user, &from, NULL));
  g_assert_cmpstr (from.header, ==, "all@example.com");
  g_assert_cmpstr (from.envelope, ==, "all@example.com");
  user.orig_recipient = NULL;
  user.addresses = addresses;
  g_assert_true (prdr_mail_autoreply_decide ("timo@example.com", to_all, &user, &from, NULL));
  g_assert_cmpstr (from.header, ==, "tss@example.net");
  g_assert_cmpstr (from.envelope, ==, "stephan@example.com");   /* never a :addresses entry */
  g_assert_false (prdr_mail_autoreply_decide ("TSS@example.net", to_all, &user, &from,
                                              &reason));
  g_assert_false (prdr_mail_autoreply_decide ("stephan@example.com", to_all, &user, &from,
                                              &reason));
  user.addresses = NULL;
  user.user_email = "all@example.com";
  g_assert_true (prdr_mail_autoreply_decide ("timo@example.com", to_all, &user, &from, NULL));
  g_assert_cmpstr (from.header, ==, "all@example.com");
  user.user_email = NULL;
  user.check_recipient = FALSE;
  g_assert_true (prdr_mail_autoreply_decide ("timo@example.com", to_all, &user, &from, NULL));
  g_assert_cmpstr (from.header, ==, "stephan@example.com");
  GMimeMessage *suppressed = original ("To: stephan@example.com\r\n"
                                       "X-Auto-Response-Suppress: DR, OOF\r\n");
  g_assert_false (prdr_mail_autoreply_decide ("timo@example.com", suppressed, &user, &from,
                                              &reason));
  g_assert_nonnull (strstr (reason, "X-Auto-Response-Suppress"));
  user.recipient = "";
  g_assert_false (prdr_mail_autoreply_decide ("timo@example.com", to_all, &user, &from, NULL));
  g_object_unref (suppressed);
  g_object_unref (to_all);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mail/autoreply/basic", test_autoreply_basic);
  g_test_add_func ("/mail/autoreply/subject", test_autoreply_subject);
  g_test_add_func ("/mail/autoreply/hostile", test_autoreply_hostile);
  g_test_add_func ("/mail/autoreply/references-bound", test_autoreply_references_bound);
  g_test_add_func ("/mail/autoreply/mime", test_autoreply_mime);
  g_test_add_func ("/mail/autoreply/wanted", test_autoreply_wanted);
  g_test_add_func ("/mail/autoreply/subject-config", test_autoreply_subject_config);
  g_test_add_func ("/mail/autoreply/subject-long", test_autoreply_subject_long);
  g_test_add_func ("/mail/autoreply/to", test_autoreply_to);
  g_test_add_func ("/mail/autoreply/decide", test_autoreply_decide);
  int rc = g_test_run ();
  g_mime_shutdown ();
  return rc;
}
