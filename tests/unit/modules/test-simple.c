/*
 * test-simple.c - mod_simple, the example module, loaded as a shared object
 * by its absolute path through [general] modules: the public API is enough
 * to write a module.
 */
#include <string.h>

#include "harness.h"

static void
test_loaded (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Harness) h = harness_new (
    "[general]\nmodules = " MOD_SIMPLE_PATH "\n"
    "[simple]\nusers = alice, Bob\n", &error);
  g_assert_no_error (error);
  harness_begin (h, "sender@example.net", NULL);

  PrdrOutcome alice = harness_rcpt (h, "alice@example.org");
  assert_outcome (alice, PRDR_VERDICT_REJECT, "550", "5.7.1",
                  "This recipient does not accept mail here");
  g_assert_cmpstr (alice.module, ==, "simple");
  /* user = local part lower-cased without +detail */
  assert_outcome (harness_rcpt (h, "BOB+lists@example.org"), PRDR_VERDICT_REJECT,
                  "550", "5.7.1", "This recipient does not accept mail here");
  assert_outcome (harness_rcpt (h, "carol@example.org"), PRDR_VERDICT_CONTINUE,
                  NULL, NULL, NULL);
}

static void
test_configured_reply (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Harness) h = harness_new (
    "[general]\nmodules = " MOD_SIMPLE_PATH "\n"
    "[simple]\nusers = carol\nreply = 551 5.1.6 Carol has moved\n", &error);
  g_assert_no_error (error);
  harness_begin (h, "sender@example.net", NULL);
  assert_outcome (harness_rcpt (h, "carol@example.org"), PRDR_VERDICT_REJECT,
                  "551", "5.1.6", "Carol has moved");
}

/* Its key table is enforced by the engine like a built-in's. */
static void
test_unknown_key (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Harness) h = harness_new (
    "[general]\nmodules = " MOD_SIMPLE_PATH "\n[simple]\nuser = carol\n", &error);
  g_assert_null (h);
  g_assert_nonnull (error);
  if (strstr (error->message, "test.conf:4") == NULL)
    g_error ("expected an error at test.conf:4, got: %s", error->message);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/simple/loaded", test_loaded);
  g_test_add_func ("/simple/configured-reply", test_configured_reply);
  g_test_add_func ("/simple/unknown-key", test_unknown_key);
  return g_test_run ();
}
