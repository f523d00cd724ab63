/*
 * test-equal.c - the module "equal" through the engine: a RCPT equal to the
 * envelope sender is rejected at RCPT time; not for other addresses, not
 * when only the local part's case differs, not for the null sender, not in
 * an authenticated session; the reply is configurable.
 */
#include <string.h>

#include "harness.h"

#define CONFIG "[general]\nmodules = equal\n"
#define DEFAULT_TEXT "Sender address is the same as the recipient"

static Harness *
start (const char *config, const char *sender, const char *auth_user)
{
  g_autoptr (GError) error = NULL;
  Harness *harness = harness_new (config, &error);
  g_assert_no_error (error);
  harness_begin (harness, sender, auth_user);
  return harness;
}

static void
test_same (void)
{
  g_autoptr (Harness) h = start (CONFIG, "bob@example.org", NULL);
  PrdrOutcome outcome = harness_rcpt (h, "bob@example.org");
  assert_outcome (outcome, PRDR_VERDICT_REJECT, "550", "5.7.1", DEFAULT_TEXT);
  g_assert_cmpstr (outcome.module, ==, "equal");
  /* a rejected RCPT does not become a row */
  g_assert_cmpuint (prdr_transaction_recipient_count (h->txn), ==, 0);
}

static void
test_different (void)
{
  g_autoptr (Harness) h = start (CONFIG, "alice@example.org", NULL);
  assert_outcome (harness_rcpt (h, "bob@example.org"), PRDR_VERDICT_CONTINUE, NULL, NULL, NULL);
  assert_outcome (harness_rcpt (h, "alice@example.net"), PRDR_VERDICT_CONTINUE, NULL, NULL, NULL);
  assert_outcome (harness_rcpt (h, "alice+x@example.org"), PRDR_VERDICT_CONTINUE, NULL, NULL, NULL);
  assert_outcome (harness_rcpt (h, "alice@example.org"), PRDR_VERDICT_REJECT, "550", "5.7.1",
                  DEFAULT_TEXT);
  g_assert_cmpuint (prdr_transaction_recipient_count (h->txn), ==, 3);
}

/* The domain is compared without case, the local part exactly. */
static void
test_case (void)
{
  g_autoptr (Harness) h = start (CONFIG, "Bob@Example.ORG", NULL);
  assert_outcome (harness_rcpt (h, "Bob@example.org"), PRDR_VERDICT_REJECT, "550", "5.7.1",
                  DEFAULT_TEXT);
  assert_outcome (harness_rcpt (h, "bob@example.org"), PRDR_VERDICT_CONTINUE, NULL, NULL, NULL);
  assert_outcome (harness_rcpt (h, "BOB@EXAMPLE.ORG"), PRDR_VERDICT_CONTINUE, NULL, NULL, NULL);
}

static void
test_authenticated (void)
{
  g_autoptr (Harness) h = start (CONFIG, "bob@example.org", "bob");
  assert_outcome (harness_rcpt (h, "bob@example.org"), PRDR_VERDICT_CONTINUE, NULL, NULL, NULL);
}

static void
test_null_sender (void)
{
  g_autoptr (Harness) h = start (CONFIG, "", NULL);
  assert_outcome (harness_rcpt (h, "bob@example.org"), PRDR_VERDICT_CONTINUE, NULL, NULL, NULL);
  assert_outcome (harness_rcpt (h, "postmaster"), PRDR_VERDICT_CONTINUE, NULL, NULL, NULL);
}

static void
test_configured_reply (void)
{
  g_autoptr (Harness) h = start (CONFIG "[equal]\nreply = 554 5.7.0 You are not yourself\n",
                                 "bob@example.org", NULL);
  assert_outcome (harness_rcpt (h, "bob@example.org"), PRDR_VERDICT_REJECT, "554", "5.7.0",
                  "You are not yourself");
}

/* A reply that is not a rejection is a configuration error, with the line. */
static void
test_tempfail_reply_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Harness) h = harness_new (CONFIG "[equal]\nreply = 451 4.7.1 later\n", &error);
  g_assert_null (h);
  g_assert_nonnull (error);
  if (strstr (error->message, "test.conf:4") == NULL || strstr (error->message, "reply") == NULL)
    g_error ("expected an error at test.conf:4 naming the key, got: %s", error->message);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/equal/same", test_same);
  g_test_add_func ("/equal/different", test_different);
  g_test_add_func ("/equal/case", test_case);
  g_test_add_func ("/equal/authenticated", test_authenticated);
  g_test_add_func ("/equal/null-sender", test_null_sender);
  g_test_add_func ("/equal/configured-reply", test_configured_reply);
  g_test_add_func ("/equal/tempfail-reply-refused", test_tempfail_reply_refused);
  return g_test_run ();
}
