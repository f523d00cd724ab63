/*
 * test-mail-dsn.c - DSNs built by src/mail/dsn.c, serialized as they would
 * be submitted and parsed back with GMime: structure (RFC 6522), fields and
 * values (RFC 3464), RET/ENVID/NOTIFY/ORCPT (RFC 3461), hostile input that
 * must not create headers or fields, non-ASCII text, and the size bounds.
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mail/dsn.h"
#include "mail/limits.h"
#include "mail/mail-error.h"
#include "mail-test-util.h"

#define HOST "mx.test.example"
#define SENDER "alice@example.org"

static const char original_text[] =
  "From: Alice <alice@example.org>\r\n"
  "To: bob@example.net, carol@example.net\r\n"
  "Subject: Hello there\r\n"
  "Message-ID: <orig-1@example.org>\r\n"
  "\r\n"
  "First body line\r\n"
  "Second body line\r\n";

/* A built DSN, serialized and parsed back. */
typedef struct {
  GByteArray *bytes;       /* as submitted */
  GMimeMessage *message;   /* parsed back */
  GMimeMultipart *report;
  char *explain;           /* the text/plain part, decoded */
  char *status;            /* the message/delivery-status body */
  GPtrArray *groups;       /* its field groups */
} Built;

static void
built_free (Built *b)
{
  g_byte_array_unref (b->bytes);
  g_object_unref (b->message);
  g_free (b->explain);
  g_free (b->status);
  g_ptr_array_unref (b->groups);
  g_free (b);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Built, built_free)

static PrdrMailDsn *
dsn_new (void)
{
  GError *error = NULL;
  PrdrMailDsn *dsn = prdr_mail_dsn_new (HOST, SENDER, &error);
  g_assert_no_error (error);
  GMimeStream *original = mail_test_stream (original_text);
  prdr_mail_dsn_set_original (dsn, original);
  g_object_unref (original);
  return dsn;
}

static void
add (PrdrMailDsn *dsn, const char *address, const char *notify, const char *orcpt,
     const char *code, const char *enhanced, const char *text)
{
  GError *error = NULL;
  PrdrMailDsnRecipient r = { address, notify, orcpt, code, enhanced, text };
  g_assert_true (prdr_mail_dsn_add_recipient (dsn, &r, &error));
  g_assert_no_error (error);
}

/* build - build, serialize, parse back and take the report apart. */
static Built *
build (PrdrMailDsn *dsn)
{
  GError *error = NULL;
  GMimeMessage *message = prdr_mail_dsn_build (dsn, &error);
  g_assert_no_error (error);
  Built *b = g_new0 (Built, 1);
  b->bytes = mail_test_serialize (GMIME_OBJECT (message));
  g_object_unref (message);
  b->message = mail_test_parse (b->bytes->data, b->bytes->len);
  GMimeObject *top = g_mime_message_get_mime_part (b->message);
  g_assert_true (GMIME_IS_MULTIPART (top));
  GMimeContentType *type = g_mime_object_get_content_type (top);
  g_assert_true (g_mime_content_type_is_type (type, "multipart", "report"));
  g_assert_cmpstr (g_mime_content_type_get_parameter (type, "report-type"), ==,
                   "delivery-status");
  b->report = GMIME_MULTIPART (top);
  g_assert_cmpint (g_mime_multipart_get_count (b->report), >=, 2);
  GMimeObject *first = g_mime_multipart_get_part (b->report, 0);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (first),
                                              "text", "plain"));
  b->explain = g_mime_text_part_get_text (GMIME_TEXT_PART (first));
  GMimeObject *second = g_mime_multipart_get_part (b->report, 1);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (second),
                                              "message", "delivery-status"));
  b->status = mail_test_part_content (second);
  b->groups = mail_test_dsn_groups (b->status);
  return b;
}

static GMimeObject *
third_part (Built *b)
{
  g_assert_cmpint (g_mime_multipart_get_count (b->report), ==, 3);
  return g_mime_multipart_get_part (b->report, 2);
}

/* The basic case: two rejected recipients, RET absent. */
static void
test_dsn_basic (void)
{
  g_autoptr (PrdrMailDsn) dsn = dsn_new ();
  add (dsn, "bob@example.net", NULL, NULL, "550", "5.7.1", "Spam rejected by bob's rules");
  add (dsn, "carol@example.net", NULL, NULL, "554", "5.7.0", "Not wanted here");
  g_assert_cmpuint (prdr_mail_dsn_recipient_count (dsn), ==, 2);
  g_autoptr (Built) b = build (dsn);

  GMimeObject *top = GMIME_OBJECT (b->message);
  InternetAddressList *to = g_mime_message_get_to (b->message);
  g_assert_cmpint (internet_address_list_length (to), ==, 1);
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (
      internet_address_list_get_address (to, 0))), ==, SENDER);
  InternetAddressList *from = g_mime_message_get_from (b->message);
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (
      internet_address_list_get_address (from, 0))), ==, "MAILER-DAEMON@" HOST);
  g_assert_cmpstr (g_mime_object_get_header (top, "Auto-Submitted"), ==, "auto-replied");
  g_assert_cmpstr (g_mime_object_get_header (top, "MIME-Version"), ==, "1.0");
  g_assert_nonnull (g_mime_message_get_subject (b->message));
  g_assert_nonnull (g_mime_message_get_date (b->message));
  g_assert_true (g_str_has_suffix (g_mime_message_get_message_id (b->message), "@" HOST));

  g_assert_cmpuint (b->groups->len, ==, 3);
  g_assert_cmpstr (mail_test_field (b->groups, 0, "reporting-mta"), ==, "dns; " HOST);
  g_assert_nonnull (mail_test_field (b->groups, 0, "arrival-date"));
  g_assert_null (mail_test_field (b->groups, 0, "original-envelope-id"));
  g_assert_cmpstr (mail_test_field (b->groups, 1, "final-recipient"), ==,
                   "rfc822; bob@example.net");
  g_assert_cmpstr (mail_test_field (b->groups, 1, "action"), ==, "failed");
  g_assert_cmpstr (mail_test_field (b->groups, 1, "status"), ==, "5.7.1");
  g_assert_cmpstr (mail_test_field (b->groups, 1, "diagnostic-code"), ==,
                   "smtp; 550 5.7.1 Spam rejected by bob's rules");
  g_assert_null (mail_test_field (b->groups, 1, "original-recipient"));
  g_assert_cmpstr (mail_test_field (b->groups, 2, "final-recipient"), ==,
                   "rfc822; carol@example.net");
  g_assert_cmpstr (mail_test_field (b->groups, 2, "status"), ==, "5.7.0");
  g_assert_cmpstr (mail_test_field (b->groups, 2, "diagnostic-code"), ==,
                   "smtp; 554 5.7.0 Not wanted here");

  g_assert_nonnull (strstr (b->explain, "<bob@example.net>"));
  g_assert_nonnull (strstr (b->explain, "550 5.7.1 Spam rejected by bob's rules"));
  g_assert_nonnull (strstr (b->explain, "554 5.7.0 Not wanted here"));

  /* RET absent: headers only. */
  GMimeObject *third = third_part (b);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (third),
                                              "text", "rfc822-headers"));
  g_autofree char *headers = mail_test_part_content (third);
  g_assert_nonnull (strstr (headers, "Subject: Hello there\n"));
  g_assert_nonnull (strstr (headers, "Message-ID: <orig-1@example.org>"));
  g_assert_null (strstr (headers, "body line"));
  g_assert_null (strchr (headers, '\r'));
}

/* The arrival date given is the one reported. */
static void
test_dsn_arrival_date (void)
{
  g_autoptr (PrdrMailDsn) dsn = dsn_new ();
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (1700000000);
  prdr_mail_dsn_set_arrival_date (dsn, when);
  add (dsn, "bob@example.net", NULL, NULL, "550", "5.7.1", "no");
  g_autoptr (Built) b = build (dsn);
  g_autoptr (GDateTime) got =
      g_mime_utils_header_decode_date (mail_test_field (b->groups, 0, "arrival-date"));
  g_assert_nonnull (got);
  g_assert_cmpint (g_date_time_to_unix (got), ==, 1700000000);
}

/* RET=HDRS and RET=FULL (and FULL above the limit). */
static void
test_dsn_ret (void)
{
  g_autoptr (PrdrMailDsn) hdrs = dsn_new ();
  prdr_mail_dsn_set_envelope (hdrs, "HDRS", NULL);
  add (hdrs, "bob@example.net", NULL, NULL, "550", "5.7.1", "no");
  g_autoptr (Built) bh = build (hdrs);
  g_assert_true (g_mime_content_type_is_type (
      g_mime_object_get_content_type (third_part (bh)), "text", "rfc822-headers"));

  g_autoptr (PrdrMailDsn) full = dsn_new ();
  prdr_mail_dsn_set_envelope (full, "full", NULL);
  add (full, "bob@example.net", NULL, NULL, "550", "5.7.1", "no");
  g_autoptr (Built) bf = build (full);
  GMimeObject *third = third_part (bf);
  g_assert_true (GMIME_IS_MESSAGE_PART (third));
  GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (third));
  g_assert_cmpstr (g_mime_message_get_subject (inner), ==, "Hello there");
  g_autofree char *inner_body = mail_test_part_content (g_mime_message_get_mime_part (inner));
  g_assert_cmpstr (inner_body, ==, "First body line\nSecond body line\n");
  g_assert_nonnull (strstr (bf->explain, "Your message is attached"));

  g_autoptr (PrdrMailDsn) big = dsn_new ();
  prdr_mail_dsn_set_envelope (big, "FULL", NULL);
  prdr_mail_dsn_set_full_limit (big, 40);
  add (big, "bob@example.net", NULL, NULL, "550", "5.7.1", "no");
  g_autoptr (Built) bb = build (big);
  g_assert_true (g_mime_content_type_is_type (
      g_mime_object_get_content_type (third_part (bb)), "text", "rfc822-headers"));
  g_assert_nonnull (strstr (bb->explain, "larger than 40 octets"));
}

/* The original from a spool file descriptor: attached in full, and the
 * caller's descriptor stays open with its offset unchanged. */
static void
test_dsn_original_fd (void)
{
  GError *error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("prdr-mail-spool-XXXXXX", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, original_text, strlen (original_text)), ==,
                   (gssize) strlen (original_text));
  g_assert_cmpint (lseek (fd, 7, SEEK_SET), ==, 7);
  g_unlink (path);
  g_autoptr (PrdrMailDsn) dsn = prdr_mail_dsn_new (HOST, SENDER, &error);
  g_assert_true (prdr_mail_dsn_set_original_fd (dsn, fd, (gint64) strlen (original_text),
                                                &error));
  g_assert_no_error (error);
  prdr_mail_dsn_set_envelope (dsn, "FULL", NULL);
  add (dsn, "bob@example.net", NULL, NULL, "550", "5.7.1", "no");
  {
    g_autoptr (Built) b = build (dsn);
    GMimeObject *third = third_part (b);
    g_assert_true (GMIME_IS_MESSAGE_PART (third));
    GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (third));
    g_assert_cmpstr (g_mime_message_get_subject (inner), ==, "Hello there");
  }
  g_clear_pointer (&dsn, prdr_mail_dsn_free);
  g_assert_cmpint (lseek (fd, 0, SEEK_CUR), ==, 7);
  g_assert_cmpint (close (fd), ==, 0);
}

/* ENVID (xtext-decoded) and ORCPT are repeated. */
static void
test_dsn_envid_orcpt (void)
{
  g_autoptr (PrdrMailDsn) dsn = dsn_new ();
  prdr_mail_dsn_set_envelope (dsn, NULL, "QQ314159+2Bx+3Dy");
  add (dsn, "bob@example.net", NULL, "rfc822;Bob+2Bext@Example.NET", "550", "5.7.1", "no");
  add (dsn, "carol@example.net", NULL, NULL, "550", "5.7.1", "no");
  g_autoptr (Built) b = build (dsn);
  g_assert_cmpstr (mail_test_field (b->groups, 0, "original-envelope-id"), ==, "QQ314159+x=y");
  g_assert_cmpstr (mail_test_field (b->groups, 1, "original-recipient"), ==,
                   "rfc822;Bob+ext@Example.NET");
  g_assert_null (mail_test_field (b->groups, 2, "original-recipient"));
  /* RFC 3464 2.3: Original-Recipient comes before Final-Recipient. */
  MailTestFields *group = g_ptr_array_index (b->groups, 1);
  g_assert_cmpstr (g_ptr_array_index (group->names, 0), ==, "original-recipient");
}

/* NOTIFY: only recipients that ask for failures are listed. */
static void
test_dsn_notify (void)
{
  g_autoptr (PrdrMailDsn) dsn = dsn_new ();
  add (dsn, "never@example.net", "NEVER", NULL, "550", "5.7.1", "no");
  add (dsn, "success@example.net", "SUCCESS", NULL, "550", "5.7.1", "no");
  add (dsn, "delay@example.net", "DELAY", NULL, "550", "5.7.1", "no");
  g_assert_cmpuint (prdr_mail_dsn_recipient_count (dsn), ==, 0);
  GError *error = NULL;
  g_assert_null (prdr_mail_dsn_build (dsn, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING);
  g_clear_error (&error);

  add (dsn, "failure@example.net", "success,FAILURE", NULL, "550", "5.7.1", "no");
  g_autoptr (Built) b = build (dsn);
  g_assert_cmpuint (b->groups->len, ==, 2);
  g_assert_cmpstr (mail_test_field (b->groups, 1, "final-recipient"), ==,
                   "rfc822; failure@example.net");
  g_assert_null (strstr (b->explain, "success@example.net"));
}

/* The null sender never gets a DSN. */
static void
test_dsn_null_sender (void)
{
  const char *nulls[] = { "", "<>" };
  for (gsize i = 0; i < G_N_ELEMENTS (nulls); i++) {
    GError *error = NULL;
    g_assert_null (prdr_mail_dsn_new (HOST, nulls[i], &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING);
    g_clear_error (&error);
    g_assert_false (prdr_mail_dsn_wanted (nulls[i], NULL));
    g_assert_false (prdr_mail_dsn_wanted (nulls[i], "FAILURE"));
  }
  g_assert_true (prdr_mail_dsn_wanted (SENDER, NULL));
  g_assert_true (prdr_mail_dsn_wanted (SENDER, "FAILURE,DELAY"));
  g_assert_false (prdr_mail_dsn_wanted (SENDER, "NEVER"));
  g_assert_false (prdr_mail_dsn_wanted (SENDER, "SUCCESS"));
}

/* assert_no_line - no line of @bytes starts with @prefix (case-insensitive). */
static void
assert_no_line (GByteArray *bytes, const char *prefix)
{
  g_autofree char *text = g_strndup ((const char *) bytes->data, bytes->len);
  g_auto (GStrv) lines = g_strsplit_set (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], prefix, strlen (prefix)) == 0)
      g_error ("injected line \"%s\" found in the DSN", lines[i]);
}

/* Hostile CR/LF in a reply text, ENVID and ORCPT creates no header and no
 * field; unusable addresses are refused. */
static void
test_dsn_hostile (void)
{
  g_autoptr (PrdrMailDsn) dsn = dsn_new ();
  prdr_mail_dsn_set_envelope (dsn, "HDRS", "abc\r\nX-Injected: yes");
  add (dsn, "bob@example.net", NULL, "rfc822;x+0D+0AX-Evil:+20y", "550", "5.7.1",
       "bad\r\nBcc: victim@example.com\r\n\r\nX-Injected: body");
  add (dsn, "carol@example.net", NULL, NULL, "550", "5.7.1", "a\nStatus: 2.0.0\rAction: delivered");
  g_autoptr (Built) b = build (dsn);
  assert_no_line (b->bytes, "Bcc:");
  assert_no_line (b->bytes, "X-Injected:");
  assert_no_line (b->bytes, "X-Evil:");
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (b->message), "Bcc"));
  g_assert_cmpuint (b->groups->len, ==, 3);
  g_assert_null (mail_test_field (b->groups, 0, "original-envelope-id"));
  g_assert_null (mail_test_field (b->groups, 1, "original-recipient"));
  g_assert_cmpstr (mail_test_field (b->groups, 1, "diagnostic-code"), ==,
                   "smtp; 550 5.7.1 bad  Bcc: victim@example.com    X-Injected: body");
  g_assert_cmpstr (mail_test_field (b->groups, 2, "status"), ==, "5.7.1");
  g_assert_cmpstr (mail_test_field (b->groups, 2, "action"), ==, "failed");
  for (guint g = 1; g < b->groups->len; g++) {
    MailTestFields *fields = g_ptr_array_index (b->groups, g);
    g_assert_cmpuint (fields->names->len, ==, 4);
  }
  g_assert_nonnull (strstr (b->explain, "(ENVID) given with the message was not valid"));
  g_assert_nonnull (strstr (b->explain, "(ORCPT) given for it was not valid"));

  /* An xtext-encoded CR LF in ENVID is refused as well. */
  prdr_mail_dsn_set_envelope (dsn, NULL, "id+0D+0AX-Injected:+20yes");
  g_autoptr (Built) b2 = build (dsn);
  g_assert_null (mail_test_field (b2->groups, 0, "original-envelope-id"));
  assert_no_line (b2->bytes, "X-Injected:");

  GError *error = NULL;
  g_assert_null (prdr_mail_dsn_new (HOST, SENDER "\r\nBcc: victim@example.com", &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (prdr_mail_dsn_new ("mx.example\r\nBcc: x", SENDER, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (prdr_mail_dsn_set_from (dsn, "postmaster@x\nBcc: y", &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  g_clear_error (&error);
  PrdrMailDsnRecipient evil = { "dave@example.net\nBcc: x", NULL, NULL, "550", "5.7.1", "no" };
  g_assert_false (prdr_mail_dsn_add_recipient (dsn, &evil, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  g_clear_error (&error);
}

/* A From address of our choice, and reply codes: 5xx only, a missing
 * enhanced code gives 5.0.0. */
static void
test_dsn_from_and_codes (void)
{
  g_autoptr (PrdrMailDsn) dsn = dsn_new ();
  GError *error = NULL;
  g_assert_true (prdr_mail_dsn_set_from (dsn, "postmaster@example.net", &error));
  g_assert_no_error (error);
  PrdrMailDsnRecipient ok = { "bob@example.net", NULL, NULL, "250", "2.0.0", "fine" };
  g_assert_false (prdr_mail_dsn_add_recipient (dsn, &ok, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  g_clear_error (&error);
  add (dsn, "bob@example.net", NULL, NULL, "550", NULL, "Mailbox unavailable");
  add (dsn, "carol@example.net", NULL, NULL, "551", "4.7.1", "class mismatch");
  g_autoptr (Built) b = build (dsn);
  InternetAddressList *from = g_mime_message_get_from (b->message);
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (
      internet_address_list_get_address (from, 0))), ==, "postmaster@example.net");
  g_assert_cmpstr (mail_test_field (b->groups, 1, "status"), ==, "5.0.0");
  g_assert_cmpstr (mail_test_field (b->groups, 1, "diagnostic-code"), ==,
                   "smtp; 550 Mailbox unavailable");
  g_assert_cmpstr (mail_test_field (b->groups, 2, "status"), ==, "5.0.0");
}

/* Non-ASCII replies and addresses: the text part carries the UTF-8 text, the
 * delivery-status part stays 7-bit with RFC 6533 escapes, and the whole DSN
 * is 7-bit on the wire. */
static void
test_dsn_utf8 (void)
{
  g_autoptr (PrdrMailDsn) dsn = dsn_new ();
  add (dsn, "jörg@exämple.de", NULL, NULL, "550", "5.2.2", "Postfach voll – Ünzustellbar 日本");
  add (dsn, "bob@example.net", NULL, NULL, "550", "5.7.1", "bad \xff\xfe octets");
  g_autoptr (Built) b = build (dsn);
  for (guint i = 0; i < b->bytes->len; i++)
    g_assert_cmpuint (b->bytes->data[i], <, 0x80);
  g_assert_cmpstr (mail_test_field (b->groups, 1, "final-recipient"), ==,
                   "utf-8; j\\x{F6}rg@ex\\x{E4}mple.de");
  g_assert_cmpstr (mail_test_field (b->groups, 1, "diagnostic-code"), ==,
                   "smtp; 550 5.2.2 Postfach voll \\x{2013} \\x{DC}nzustellbar \\x{65E5}\\x{672C}");
  g_assert_nonnull (strstr (b->explain, "<jörg@exämple.de>"));
  g_assert_nonnull (strstr (b->explain, "550 5.2.2 Postfach voll – Ünzustellbar 日本"));
  g_assert_nonnull (strstr (b->explain, "bad \xef\xbf\xbd\xef\xbf\xbd octets"));
  g_assert_true (g_utf8_validate (b->explain, -1, NULL));
}

/* The bounds: recipients listed, reply length, header block length, and
 * line lengths in the delivery-status part. */
static void
test_dsn_bounds (void)
{
  g_autoptr (PrdrMailDsn) dsn = dsn_new ();
  for (guint i = 0; i < PRDR_MAIL_DSN_RECIPIENTS_MAX + 3; i++) {
    g_autofree char *address = g_strdup_printf ("user%u@example.net", i);
    add (dsn, address, NULL, NULL, "550", "5.7.1", "no");
  }
  g_assert_cmpuint (prdr_mail_dsn_recipient_count (dsn), ==, PRDR_MAIL_DSN_RECIPIENTS_MAX + 3);
  g_autoptr (GString) longtext = g_string_new ("word ");
  for (int i = 0; i < 3000; i++)
    g_string_append (longtext, i % 97 == 0 ? " " : "x");
  g_autoptr (PrdrMailDsn) dsn2 = dsn_new ();
  add (dsn2, "bob@example.net", NULL, NULL, "550", "5.7.1", longtext->str);
  g_autoptr (Built) b = build (dsn);
  g_assert_cmpuint (b->groups->len, ==, PRDR_MAIL_DSN_RECIPIENTS_MAX + 1);
  g_assert_nonnull (strstr (b->explain, "3 more recipients were rejected as well"));
  g_autoptr (Built) b2 = build (dsn2);
  const char *diagnostic = mail_test_field (b2->groups, 1, "diagnostic-code");
  g_assert_cmpuint (strlen (diagnostic), <=, strlen ("smtp; ") + PRDR_MAIL_REPLY_MAX + 1);
  g_assert_true (g_str_has_prefix (diagnostic, "smtp; 550 5.7.1 word "));
  g_assert_nonnull (strstr (b2->explain, "shortened"));
  g_auto (GStrv) lines = g_strsplit (b2->status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (lines[i]), <=, 998);
}

/* An original whose header block passes PRDR_MAIL_DSN_HEADERS_MAX is cut
 * after a complete line, and the text part says so. */
static void
test_dsn_long_headers (void)
{
  g_autoptr (GString) text = g_string_new ("Subject: big\r\n");
  while (text->len <= PRDR_MAIL_DSN_HEADERS_MAX + PRDR_MAIL_DSN_HEADERS_MAX / 10)
    g_string_append (text, "X-Filler: 0123456789012345678901234567890123456789\r\n");
  g_string_append (text, "\r\nbody\r\n");
  GError *error = NULL;
  g_autoptr (PrdrMailDsn) dsn = prdr_mail_dsn_new (HOST, SENDER, &error);
  g_assert_no_error (error);
  GMimeStream *original = mail_test_stream (text->str);
  prdr_mail_dsn_set_original (dsn, original);
  g_object_unref (original);
  add (dsn, "bob@example.net", NULL, NULL, "550", "5.7.1", "no");
  g_autoptr (Built) b = build (dsn);
  g_autofree char *headers = mail_test_part_content (third_part (b));
  g_assert_cmpuint (strlen (headers), <=, PRDR_MAIL_DSN_HEADERS_MAX);
  g_assert_true (g_str_has_prefix (headers, "Subject: big\n"));
  g_assert_true (g_str_has_suffix (headers, "0123456789\n"));
  g_assert_nonnull (strstr (b->explain, "are cut there"));
}

/* random_bytes - up to @max random octets (no NUL), biased towards the
 * dangerous ones: CR, LF, ':', '+', 8-bit. */
static char *
random_bytes (guint max)
{
  static const char nasty[] = "\r\n:+= \t\\<>;\x7f\x80\xc3\xa9\xff";
  guint len = (guint) g_test_rand_int_range (0, (gint32) max + 1);
  char *out = g_malloc (len + 1);
  for (guint i = 0; i < len; i++) {
    int pick = g_test_rand_int_range (0, 4);
    out[i] = pick == 0 ? nasty[g_test_rand_int_range (0, sizeof nasty - 1)]
                       : (char) g_test_rand_int_range (1, 256);
  }
  out[len] = '\0';
  return out;
}

/* Random hostile replies, ENVIDs, ORCPTs and originals: the DSN always
 * builds and parses back with exactly one group per listed recipient, only
 * RFC 3464 field names, and a 7-bit delivery-status part. */
static void
test_dsn_random (void)
{
  static const char *const allowed[] = {
    "reporting-mta", "original-envelope-id", "arrival-date", "original-recipient",
    "final-recipient", "action", "status", "diagnostic-code", NULL,
  };
  for (int round = 0; round < 200; round++) {
    GError *error = NULL;
    g_autoptr (PrdrMailDsn) dsn = prdr_mail_dsn_new (HOST, SENDER, &error);
    g_assert_no_error (error);
    g_autofree char *original = random_bytes (3000);
    GMimeStream *stream = mail_test_stream (original);
    prdr_mail_dsn_set_original (dsn, stream);
    g_object_unref (stream);
    g_autofree char *envid = random_bytes (120);
    prdr_mail_dsn_set_envelope (dsn, round % 2 ? "FULL" : "HDRS", envid);
    guint count = (guint) g_test_rand_int_range (1, 5);
    for (guint i = 0; i < count; i++) {
      g_autofree char *address = g_strdup_printf ("rcpt%u@example.net", i);
      g_autofree char *orcpt = random_bytes (60);
      g_autofree char *text = random_bytes (1500);
      add (dsn, address, NULL, orcpt, "550", "5.7.1", text);
    }
    g_autoptr (Built) b = build (dsn);
    g_assert_cmpuint (b->groups->len, ==, count + 1);
    for (guint g = 0; g < b->groups->len; g++) {
      MailTestFields *fields = g_ptr_array_index (b->groups, g);
      for (guint n = 0; n < fields->names->len; n++)
        g_assert_true (g_strv_contains (allowed, g_ptr_array_index (fields->names, n)));
    }
    for (const char *p = b->status; *p != '\0'; p++)
      g_assert_cmpuint ((guchar) *p, <, 0x80);
    g_assert_null (g_mime_object_get_header (GMIME_OBJECT (b->message), "Bcc"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mail/dsn/basic", test_dsn_basic);
  g_test_add_func ("/mail/dsn/arrival-date", test_dsn_arrival_date);
  g_test_add_func ("/mail/dsn/ret", test_dsn_ret);
  g_test_add_func ("/mail/dsn/original-fd", test_dsn_original_fd);
  g_test_add_func ("/mail/dsn/envid-orcpt", test_dsn_envid_orcpt);
  g_test_add_func ("/mail/dsn/notify", test_dsn_notify);
  g_test_add_func ("/mail/dsn/null-sender", test_dsn_null_sender);
  g_test_add_func ("/mail/dsn/hostile", test_dsn_hostile);
  g_test_add_func ("/mail/dsn/from-and-codes", test_dsn_from_and_codes);
  g_test_add_func ("/mail/dsn/utf8", test_dsn_utf8);
  g_test_add_func ("/mail/dsn/bounds", test_dsn_bounds);
  g_test_add_func ("/mail/dsn/long-headers", test_dsn_long_headers);
  g_test_add_func ("/mail/dsn/random", test_dsn_random);
  int rc = g_test_run ();
  g_mime_shutdown ();
  return rc;
}
