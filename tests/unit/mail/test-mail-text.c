/*
 * test-mail-text.c - the small pieces of src/mail: xtext and ORCPT
 * decoding (RFC 3461 section 4), NOTIFY and RET parsing, cleaning and
 * escaping peer text, address checks, and field folding.
 */
#include <string.h>

#include "mail/dsn-policy.h"
#include "mail/field.h"
#include "mail/limits.h"
#include "mail/mail-error.h"
#include "mail/text.h"
#include "mail/xtext.h"

static void
test_xtext (void)
{
  static const struct { const char *in, *out; } good[] = {
    { "QQ314159", "QQ314159" },
    { "a+2Bb+3Dc", "a+b=c" },
    { "with+20space", "with space" },
    { "", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++) {
    GError *error = NULL;
    g_autofree char *out = prdr_mail_xtext_decode (good[i].in, PRDR_MAIL_ENVID_MAX, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (out, ==, good[i].out);
  }
  static const char *const bad[] = {
    "a+2", "a+", "a+2b",        /* malformed or lower-case hexchar */
    "a=b", "a b", "a\r\nb",     /* not xchars */
    "a+0D+0Ab", "a+00", "a+7F", "a+C3+A9", /* decode to non-printable */
    "caf\xc3\xa9",              /* raw 8-bit */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    GError *error = NULL;
    g_assert_null (prdr_mail_xtext_decode (bad[i], PRDR_MAIL_ENVID_MAX, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_autofree char *too_long = g_strnfill (PRDR_MAIL_ENVID_MAX + 1, 'a');
  GError *error = NULL;
  g_assert_null (prdr_mail_xtext_decode (too_long, PRDR_MAIL_ENVID_MAX, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_orcpt (void)
{
  g_autofree char *type = NULL, *address = NULL;
  GError *error = NULL;
  g_assert_true (prdr_mail_orcpt_decode ("RFC822;bob+2Bx@example.net", &type, &address, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, "rfc822");
  g_assert_cmpstr (address, ==, "bob+x@example.net");
  static const char *const bad[] = {
    "bob@example.net", ";bob@example.net", "rfc 822;bob", "rfc822;", "rfc822;a+0Ab",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    char *t = NULL, *a = NULL;
    g_assert_false (prdr_mail_orcpt_decode (bad[i], &t, &a, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_assert_null (t);
    g_clear_error (&error);
  }
}

static void
test_notify_ret (void)
{
  PrdrMailNotify notify;
  GError *error = NULL;
  g_assert_true (prdr_mail_notify_parse ("success,Failure,DELAY", &notify, &error));
  g_assert_cmpint (notify, ==, PRDR_MAIL_NOTIFY_SUCCESS | PRDR_MAIL_NOTIFY_FAILURE
                   | PRDR_MAIL_NOTIFY_DELAY);
  g_assert_true (prdr_mail_notify_parse ("NEVER", &notify, &error));
  g_assert_cmpint (notify, ==, PRDR_MAIL_NOTIFY_NEVER);
  static const char *const bad[] = { "", "NEVER,FAILURE", "FAILURE,FAILURE", "SOMETIMES",
                                     "FAILURE,", "FAILURE\r\nX: y" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_assert_false (prdr_mail_notify_parse (bad[i], &notify, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_clear_error (&error);
  }
  /* Unparsable NOTIFY counts as absent: the sender is told. */
  g_assert_true (prdr_mail_dsn_wanted ("a@example.org", "SOMETIMES"));

  PrdrMailRet ret;
  g_assert_true (prdr_mail_ret_parse (NULL, &ret, &error));
  g_assert_cmpint (ret, ==, PRDR_MAIL_RET_DEFAULT);
  g_assert_true (prdr_mail_ret_parse ("hdrs", &ret, &error));
  g_assert_cmpint (ret, ==, PRDR_MAIL_RET_HDRS);
  g_assert_true (prdr_mail_ret_parse ("FULL", &ret, &error));
  g_assert_cmpint (ret, ==, PRDR_MAIL_RET_FULL);
  g_assert_false (prdr_mail_ret_parse ("BODY", &ret, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_clean_escape (void)
{
  gboolean shortened = TRUE;
  g_autofree char *a = prdr_mail_text_clean ("one\r\ntwo\tthree\x7f" "four\xc2\x85" "five",
                                             100, &shortened);
  g_assert_cmpstr (a, ==, "one  two three four five");
  g_assert_false (shortened);
  g_autofree char *b = prdr_mail_text_clean ("bad\xff" "x", 100, NULL);
  g_assert_cmpstr (b, ==, "bad\xef\xbf\xbd" "x");
  /* Cut at a character boundary: "é" is 2 octets and does not fit in 4. */
  g_autofree char *c = prdr_mail_text_clean ("abcé", 4, &shortened);
  g_assert_cmpstr (c, ==, "abc");
  g_assert_true (shortened);
  g_autofree char *d = prdr_mail_text_escape ("a+b é\\ 日", " +\\");
  g_assert_cmpstr (d, ==, "a\\x{2B}b\\x{20}\\x{E9}\\x{5C}\\x{20}\\x{65E5}");
  g_autofree char *e = prdr_mail_text_escape ("plain text", NULL);
  g_assert_cmpstr (e, ==, "plain text");
  g_assert_true (prdr_mail_text_is_ascii ("abc"));
  g_assert_false (prdr_mail_text_is_ascii ("é"));
}

static void
test_address_check (void)
{
  GError *error = NULL;
  g_assert_true (prdr_mail_address_check ("bob@example.net", "recipient", &error));
  g_assert_true (prdr_mail_address_check ("jörg@exämple.de", "recipient", &error));
  g_assert_true (prdr_mail_address_check ("postmaster", "recipient", &error));
  g_autofree char *too_long = g_strnfill (PRDR_MAIL_ADDRESS_MAX + 1, 'a');
  const char *bad[] = {
    "", "-oQ/tmp@example.net", "a@b\r\nBcc: c", "a@b\n", "<a@b>",
    "a@b\x01", "bad\xff@example.net", too_long,
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_assert_false (prdr_mail_address_check (bad[i], "recipient", &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_clear_error (&error);
  }
}

static void
test_host_check (void)
{
  GError *error = NULL;
  g_assert_true (prdr_mail_host_check ("mx1.example-mail.org", &error));
  g_assert_no_error (error);
  g_autofree char *too_long = g_strnfill (PRDR_MAIL_HOST_MAX + 1, 'a');
  const char *bad[] = { "", "-mx.example", "mx example", "mx.example\r\nBcc: x",
                        "mx_1.example", "m\xc3\xa4x.example", too_long, NULL };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_assert_false (prdr_mail_host_check (bad[i], &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* unfold - a folded field back as one line (RFC 5322 section 2.2.3). */
static char *
unfold (const char *field)
{
  g_autoptr (GString) out = g_string_new (NULL);
  for (const char *p = field; *p != '\0'; p++)
    if (*p != '\n')
      g_string_append_c (out, *p);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_field_fold (void)
{
  g_autoptr (GString) value = g_string_new ("smtp; 550 5.7.1");
  for (int i = 0; i < 60; i++)
    g_string_append_printf (value, " word%d", i);
  g_string_append (value, "   spaced");
  g_autoptr (GString) out = g_string_new (NULL);
  prdr_mail_field_append (out, "Diagnostic-Code", value->str);
  g_auto (GStrv) lines = g_strsplit (out->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 3);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++) {
    g_assert_cmpuint (strlen (lines[i]), <=, PRDR_MAIL_LINE_SOFT_MAX);
    if (i > 0)
      g_assert_true (lines[i][0] == ' ');
  }
  g_assert_true (g_str_has_suffix (out->str, "\n"));
  g_autofree char *joined = unfold (out->str);
  g_autofree char *expected = g_strdup_printf ("Diagnostic-Code: %s", value->str);
  g_assert_cmpstr (joined, ==, expected);

  /* A run without spaces longer than the hard limit is broken inside. */
  g_autofree char *word = g_strnfill (PRDR_MAIL_LINE_HARD_MAX * 2 + 10, 'x');
  g_string_truncate (out, 0);
  prdr_mail_field_append (out, "X", word);
  g_auto (GStrv) long_lines = g_strsplit (out->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (long_lines), ==, 4);
  for (guint i = 0; long_lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (long_lines[i]), <=, PRDR_MAIL_LINE_HARD_MAX);
  g_autofree char *joined_long = unfold (out->str);
  g_assert_cmpuint (strlen (joined_long), ==, 3 + strlen (word) + 2);

  g_string_truncate (out, 0);
  prdr_mail_field_append (out, "Action", "failed");
  g_assert_cmpstr (out->str, ==, "Action: failed\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mail/text/xtext", test_xtext);
  g_test_add_func ("/mail/text/orcpt", test_orcpt);
  g_test_add_func ("/mail/text/notify-ret", test_notify_ret);
  g_test_add_func ("/mail/text/clean-escape", test_clean_escape);
  g_test_add_func ("/mail/text/address-check", test_address_check);
  g_test_add_func ("/mail/text/host-check", test_host_check);
  g_test_add_func ("/mail/text/field-fold", test_field_fold);
  return g_test_run ();
}
