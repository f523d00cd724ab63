/*
 * test-sieve-imap4flags.c - imap4flags (RFC 5232) as a delivery sees it:
 * hasflag's flag-list keys, the internal variable shared with included
 * scripts, the last flag list winning when keep/fileinto repeat, and
 * keep and fileinto "INBOX" being one delivery.
 */
#include "sieve-test-util.h"

/* RFC 5232 section 4: with :is and :contains each key is a flag list */
static void
test_hasflag_keys (void)
{
  assert_run ("require \"imap4flags\"; setflag \"A B\";\n"
              "if hasflag :is \"b A\" { discard; }", "discard");
  assert_run ("require \"imap4flags\"; setflag \"A B\";\n"
              "if hasflag :is \"b C\" { discard; }", "discard");
  assert_run ("require \"imap4flags\"; setflag \"A B\";\n"
              "if hasflag :is \"C D\" { discard; }", "implicit keep");
  assert_run ("require [\"imap4flags\", \"variables\"];\n"
              "set \"v\" \"NonJunk Junk gnus-forward $Forwarded\";\n"
              "if hasflag :contains \"v\" \"junk forward\" { discard; }", "discard");
  assert_run ("require [\"imap4flags\", \"variables\"];\n"
              "set \"v\" \"NonJunk Junk gnus-forward $Forwarded\";\n"
              "if hasflag :contains \"v\" [\"label1\", \"label2\"] { discard; }", "implicit keep");
  /* :matches keys stay whole: "A *" matches no single flag */
  assert_run ("require \"imap4flags\"; setflag \"A B\";\n"
              "if hasflag :matches \"A *\" { discard; }", "implicit keep");
}

/* RFC 5232 section 3: when keep/fileinto repeat, the last flag list wins,
 * an empty one too */
static void
test_last_flags_win (void)
{
  assert_run ("require [\"imap4flags\", \"fileinto\"]; setflag \"IMPLICIT\";\n"
              "fileinto :flags \"\\\\Seen \\\\Draft\" \"Junk\"; fileinto :flags \"NONSENSE\" \"Junk\";\n"
              "keep; keep :flags \"\\\\Seen\";\n"
              "fileinto :flags \"\\\\Seen\" \"Other\"; fileinto \"Other\";",
              "fileinto \"Junk\" flags \"NONSENSE\"\nkeep flags \"\\\\Seen\"\n"
              "fileinto \"Other\" flags \"IMPLICIT\"");
  assert_run ("require [\"imap4flags\", \"fileinto\"];\n"
              "fileinto :flags \"A\" \"Box\"; fileinto \"Box\";", "fileinto \"Box\"");
}

/* keep stores into INBOX, whose name is case-insensitive: fileinto "inbox"
 * after keep (or before it) is the same delivery, reported as the keep */
static void
test_inbox_is_keep (void)
{
  assert_run ("require \"fileinto\"; fileinto \"A\"; keep; fileinto \"INBOX\";",
              "fileinto \"A\"\nkeep");
  assert_run ("require \"fileinto\"; fileinto \"inbox\"; keep;", "keep");
  assert_run ("require \"fileinto\"; fileinto \"INBOX.sub\"; keep;",
              "fileinto \"INBOX.sub\"\nkeep");
}

static char *
resolve (const char *location, const char *name, gsize *length, gpointer data, GError **error)
{
  const char *text = "require \"imap4flags\"; addflag \"\\\\Seen\";";

  (void) data;
  if (g_strcmp0 (location, "personal") == 0 && g_strcmp0 (name, "flags") == 0)
    {
      *length = strlen (text);
      return g_strdup (text);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no %s", name);
  return NULL;
}

/* flags an included script sets belong to the run: the includer's keep
 * and fileinto (even without imap4flags) and the implicit keep get them */
static void
test_flags_from_include (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrSieveScript) s = NULL;
  g_autoptr (PrdrSieveMessage) m = NULL;
  g_autoptr (PrdrSieveResult) r = NULL;
  g_autofree char *a = NULL;

  prdr_sieve_context_init (&ctx);
  ctx.script_resolver = resolve;
  a = run_with (&ctx, "require [\"include\", \"fileinto\"]; include \"flags\"; fileinto \"A\";",
                TEST_MESSAGE, &env);
  g_assert_cmpstr (a, ==, "fileinto \"A\" flags \"\\\\Seen\"");

  s = prdr_sieve_script_compile (&ctx, "t", "require \"include\"; include \"flags\";", -1,
                                 NULL, &error);
  g_assert_no_error (error);
  m = prdr_sieve_message_new_from_bytes (TEST_MESSAGE, strlen (TEST_MESSAGE), &error);
  r = prdr_sieve_script_run (s, m, &env, &ctx, &error);
  g_assert_no_error (error);
  g_assert_true (r->implicit_keep);
  g_assert_nonnull (r->keep_flags);
  g_assert_cmpstr (r->keep_flags[0], ==, "\\Seen");
  g_assert_null (r->keep_flags[1]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sieve/imap4flags/hasflag-keys", test_hasflag_keys);
  g_test_add_func ("/sieve/imap4flags/last-flags-win", test_last_flags_win);
  g_test_add_func ("/sieve/imap4flags/inbox-is-keep", test_inbox_is_keep);
  g_test_add_func ("/sieve/imap4flags/flags-from-include", test_flags_from_include);
  return g_test_run ();
}
