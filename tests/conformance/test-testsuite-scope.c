/*
 * test-testsuite-scope.c - the skip rule of the conformance runner: which
 * capabilities named by a script count as out of scope (unsupported).
 */
#include "testsuite.h"

static void
test_scope (void)
{
  PrdrSieveContext ctx;
  char *cap;

  prdr_sieve_context_init (&ctx);
  /* out of scope and unknown to the engine, via require or ihave */
  cap = ts_scope_unsupported (&ctx, "require [\"fileinto\", \"imapflags\"];");
  g_assert_cmpstr (cap, ==, "imapflags");
  g_free (cap);
  cap = ts_scope_unsupported (&ctx, "require \"ihave\";\nif ihave \"vnd.dovecot.pipe\" {}");
  g_assert_cmpstr (cap, ==, "vnd.dovecot.pipe");
  g_free (cap);
  /* in scope, even when unknown: a failure, not a skip */
  g_assert_null (ts_scope_unsupported (&ctx, "require \"frobnicate\";"));
  /* known to the engine: never skipped */
  g_assert_null (ts_scope_unsupported (&ctx, "require [\"imap4flags\", \"enotify\"];"));
  /* comments and other strings do not count */
  g_assert_null (ts_scope_unsupported (&ctx, "# require \"notify\";\n/* ihave \"notify\" */\n"
                                             "set \"require\" \"notify\";"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/conformance/scope", test_scope);
  return g_test_run ();
}
