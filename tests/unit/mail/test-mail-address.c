/*
 * test-mail-address.c - addresses in what Sieve actions send: addr-spec
 * syntax and its RFC 5321 path form (addr-spec.c), mailboxes with display
 * names written for header fields and read back by GMime (mailbox.c), and
 * the configured envelope sender sources (sender-source.c).
 */
#include <string.h>

#include "mail/addr-spec.h"
#include "mail/gmime-autoptr.h"
#include "mail/limits.h"
#include "mail/mail-error.h"
#include "mail/mailbox.h"
#include "mail/sender-source.h"
#include "mail-test-util.h"

static void
test_addr_spec_valid (void)
{
  static const struct { const char *address; gboolean valid; } cases[] = {
    { "user@example.org", TRUE },
    { "first.last+tag@sub.example.org", TRUE },
    { "\"S[r]us\"@example.net", TRUE },
    { "\"a \\\"quoted\\\" b\"@example.net", TRUE },
    { "user@[192.0.2.1]", TRUE },
    { "j\xc3\xbcrgen@example.org", TRUE },
    { "stephan#example.org", FALSE },
    { "stephan@example.org;", FALSE },
    { "@example.org", FALSE },
    { "user@", FALSE },
    { "user@@example.org", FALSE },
    { ".user@example.org", FALSE },
    { "us..er@example.org", FALSE },
    { "user@example..org", FALSE },
    { "user @example.org", FALSE },
    { "Name <user@example.org>", FALSE },
    { "\"a\rb\"@example.org", FALSE },
    { "user@exa\nmple.org", FALSE },
    { "\"unterminated@example.org", FALSE },
    { "j\xc3@example.org", FALSE },
    { "", FALSE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *shown = g_strescape (cases[i].address, NULL);
    g_test_message ("%s", shown);
    g_assert_cmpint (prdr_mail_addr_spec_valid (cases[i].address), ==, cases[i].valid);
  }
  g_autofree char *local = g_strnfill (PRDR_MAIL_ADDRESS_MAX, 'a');
  g_autofree char *longest = g_strdup_printf ("%s@example.org", local);
  g_assert_false (prdr_mail_addr_spec_valid (longest));
}

static void
test_addr_spec_path (void)
{
  static const struct { const char *address, *path; } cases[] = {
    { "Sirius@example.net", "Sirius@example.net" },
    { "\"Sirius\"@example.net", "Sirius@example.net" },
    { "\"S.Bosch\"@example.net", "S.Bosch@example.net" },
    { "\"S[r]us\"@example.net", "\"S[r]us\"@example.net" },
    { "\"a\\b\"@example.net", "ab@example.net" },
    { "\"a b\"@example.net", "\"a b\"@example.net" },
    { "\"a\\\"b\"@example.net", "\"a\\\"b\"@example.net" },
    { "\"a.\"@example.net", "\"a.\"@example.net" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *path = prdr_mail_addr_spec_path (cases[i].address);
    g_assert_cmpstr (path, ==, cases[i].path);
  }
  g_assert_null (prdr_mail_addr_spec_path ("not an address"));
  g_assert_true (prdr_mail_addr_spec_equal ("\"Timo\"@Example.NET", "timo@example.net"));
  g_assert_false (prdr_mail_addr_spec_equal ("timo@example.net", "timo@example.com"));
  g_assert_false (prdr_mail_addr_spec_equal ("bad", "bad"));
}

/* the mailbox written into a To field and parsed back by GMime */
static void
check_mailbox (const char *name, const char *address, const char *want_name)
{
  g_autofree char *value = prdr_mail_mailbox_format (name, address);
  g_assert_null (strpbrk (value, "\r\n"));
  g_autofree char *text = g_strdup_printf ("To: %s\n\nbody\n", value);
  g_autoptr (GMimeMessage) m = mail_test_parse ((const guint8 *) text, strlen (text));
  InternetAddressList *to = g_mime_message_get_to (m);
  g_assert_cmpint (internet_address_list_length (to), ==, 1);
  InternetAddress *a = internet_address_list_get_address (to, 0);
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (a)), ==, address);
  g_assert_cmpstr (internet_address_get_name (a), ==, want_name);
}

static void
test_mailbox_format (void)
{
  g_autofree char *bare = prdr_mail_mailbox_format (NULL, "a@example.org");
  g_assert_cmpstr (bare, ==, "a@example.org");
  g_autofree char *plain = prdr_mail_mailbox_format ("Timo Sirainen", "t@example.org");
  g_assert_cmpstr (plain, ==, "Timo Sirainen <t@example.org>");
  g_autofree char *quoted = prdr_mail_mailbox_format ("Bosch, Stephan", "s@example.org");
  g_assert_cmpstr (quoted, ==, "\"Bosch, Stephan\" <s@example.org>");
  /* a UTF-8 name is one run of encoded words: decoded, it reads as given */
  g_autofree char *utf8 = prdr_mail_mailbox_format ("G\xc3\xbcnther M. Karotte",
                                                    "g.m.karotte@example.com");
  g_assert_true (g_str_has_prefix (utf8, "=?UTF-8?Q?"));
  g_autofree char *decoded = g_mime_utils_header_decode_text (NULL, utf8);
  g_assert_cmpstr (decoded, ==, "G\xc3\xbcnther M. Karotte <g.m.karotte@example.com>");
  check_mailbox ("G\xc3\xbcnther M. Karotte", "g.m.karotte@example.com",
                 "G\xc3\xbcnther M. Karotte");
  check_mailbox ("say \"hi\"\\", "q@example.org", "say \"hi\"\\");
  /* control characters never reach the field */
  check_mailbox ("Evil\r\nBcc: victim@example.org", "e@example.org",
                 "Evil  Bcc: victim@example.org");
  /* a long UTF-8 name is split into several words, still one name */
  GString *longname = g_string_new (NULL);
  for (int i = 0; i < 30; i++)
    g_string_append (longname, "\xc3\xa4");
  check_mailbox (longname->str, "l@example.org", longname->str);
  g_string_free (longname, TRUE);
}

static void
test_sender_source (void)
{
  PrdrMailOrigin origin = { "sirius@example.org", "timo@example.net", "tss@example.net",
                            NULL, "postmaster@example.net" };
  static const struct { const char *setting, *want; } cases[] = {
    { NULL, NULL }, { "", NULL }, { "sender", "sirius@example.org" },
    { " recipient ", "timo@example.net" }, { "orig_recipient ", "tss@example.net" },
    { "USER_EMAIL", "timo@example.net" }, { "postmaster", "postmaster@example.net" },
    { "<backscatter@example.net> ", "backscatter@example.net" }, { "<>", "" },
  };
  PrdrMailSenderSource source = { 0 };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_assert_true (prdr_mail_sender_source_parse (cases[i].setting, &source, NULL));
    g_assert_cmpstr (prdr_mail_sender_source_resolve (&source, &origin), ==, cases[i].want);
  }
  origin.user_address = "t.sirainen@example.net";
  g_assert_true (prdr_mail_sender_source_parse ("user_email", &source, NULL));
  g_assert_cmpstr (prdr_mail_sender_source_resolve (&source, &origin), ==,
                   "t.sirainen@example.net");
  origin.orig_recipient = NULL;
  g_assert_true (prdr_mail_sender_source_parse ("orig_recipient", &source, NULL));
  g_assert_cmpstr (prdr_mail_sender_source_resolve (&source, &origin), ==, "timo@example.net");
  static const char *const bad[] = { "nobody", "<not an address>", "<a@b", "sender x" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) error = NULL;
    g_assert_false (prdr_mail_sender_source_parse (bad[i], &source, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_assert_cmpint (source.kind, ==, PRDR_MAIL_SENDER_DEFAULT);
  }
  prdr_mail_sender_source_clear (&source);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/mail/address/addr-spec-valid", test_addr_spec_valid);
  g_test_add_func ("/mail/address/addr-spec-path", test_addr_spec_path);
  g_test_add_func ("/mail/address/mailbox-format", test_mailbox_format);
  g_test_add_func ("/mail/address/sender-source", test_sender_source);
  int rc = g_test_run ();
  g_mime_shutdown ();
  return rc;
}
