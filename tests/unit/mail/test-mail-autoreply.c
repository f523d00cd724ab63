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

/* reply - build, serialize, parse back; the serialized octets in *@bytes. */
static GMimeMessage *
reply (const PrdrMailAutoreply *r, GMimeMessage *orig, GByteArray **bytes)
{
  GError *error = NULL;
  GMimeMessage *built = prdr_mail_autoreply_build (r, orig, &error);
  g_assert_no_error (error);
  GByteArray *data = mail_test_serialize (GMIME_OBJECT (built));
  g_object_unref (built);
  GMimeMessage *parsed = mail_test_parse (data->data, data->len);
  if (bytes != NULL)
    *bytes = data;
  else
    g_byte_array_unref (data);
  return parsed;
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
  int rc = g_test_run ();
  g_mime_shutdown ();
  return rc;
}
