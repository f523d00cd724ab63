/*
 * test-sieve-core.c - RFC 5228 behaviour seen in results: implicit keep,
 * keep/discard/redirect, stop, if/elsif/else, header decoding (RFC 2047,
 * unfolding, trimming), address parsing (groups, display names), exists,
 * size, action merging and conflicts, the step budget and action limits,
 * and the message view shared by several runs.
 */
#include "sieve-test-util.h"

static void
test_implicit_keep (void)
{
  assert_run ("", "implicit keep");
  assert_run ("keep;", "keep");
  assert_run ("discard;", "discard");
  assert_run ("keep; discard;", "keep\ndiscard");
  assert_run ("redirect \"a@example.net\";", "redirect \"a@example.net\"");
  assert_run ("require \"copy\"; redirect :copy \"a@example.net\";",
              "redirect \"a@example.net\" :copy\nimplicit keep");
  /* identical actions are merged */
  assert_run ("redirect \"a@example.net\"; redirect \"A@example.net\";",
              "redirect \"a@example.net\"");
  assert_run ("keep; keep;", "keep");
}

static void
test_control (void)
{
  assert_run ("if false { discard; } elsif true { keep; } else { stop; }", "keep");
  assert_run ("if false { discard; } elsif false { keep; } else { redirect \"x@y.example\"; }",
              "redirect \"x@y.example\"");
  /* a nested if does not disturb the outer chain */
  assert_run ("if true { if false { discard; } } else { redirect \"x@y.example\"; }",
              "implicit keep");
  assert_run ("keep; stop; discard;", "keep");
  assert_run ("if anyof (false, true) { keep; } if allof (true, false) { discard; }", "keep");
  assert_run ("if not true { discard; }", "implicit keep");
}

static void
test_header_decoding (void)
{
  /* RFC 2047 decoded, unfolded */
  assert_run ("if header :is \"subject\" \"H\xc3\xa9llo big  world\" { discard; }", "discard");
  /* the decoded e-acute is two octets: two "?" (RFC 5228 2.7.1) */
  assert_run ("if header :matches \"Subject\" \"h??llo*\" { discard; }", "discard");
  assert_run ("if header :matches \"Subject\" \"h?llo*\" { discard; }", "implicit keep");
  assert_run ("if header :is \"x-missing\" \"\" { discard; }", "implicit keep");
  assert_run ("if exists [\"From\", \"date\"] { discard; }", "discard");
  assert_run ("if exists [\"From\", \"x-missing\"] { discard; }", "implicit keep");
  assert_run ("if size :over 100 { discard; }", "discard");
  assert_run ("if size :under 100 { discard; }", "implicit keep");
}

static void
test_addresses (void)
{
  assert_run ("if address :is \"from\" \"joe+list@example.com\" { discard; }", "discard");
  assert_run ("if address :localpart \"from\" \"joe+list\" { discard; }", "discard");
  assert_run ("if address :domain \"from\" \"EXAMPLE.com\" { discard; }", "discard");
  /* group members are addresses of the field */
  assert_run ("if address :domain \"to\" \"d.example\" { discard; }", "discard");
  assert_run ("if address :all :contains \"from\" \"Sender\" { discard; }", "implicit keep");
  /* an empty group has no address */
  assert_run ("if address :contains \"cc\" \"\" { discard; }", "implicit keep");
}

static void
test_conflicts_and_limits (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  assert_run ("require \"reject\"; reject \"no\"; keep;",
              "ERROR: t.sieve:1: reject conflicts with an action that delivers or replies");
  assert_run ("require \"reject\"; reject \"no\"; reject \"again\";",
              "ERROR: t.sieve:1: more than one reject action");
  prdr_sieve_context_init (&ctx);
  ctx.limits.max_redirects = 2;
  a = run_with (&ctx, "redirect \"a@x.example\"; redirect \"b@x.example\";\n"
                "redirect \"c@x.example\";", TEST_MESSAGE, &env);
  g_assert_cmpstr (a, ==, "ERROR: t.sieve:2: number of redirect actions exceeds policy limit");
  ctx.limits.max_steps = 50;
  b = run_with (&ctx, "if true { keep; }", TEST_MESSAGE, &env);
  g_assert_cmpstr (b, ==, "keep");
  c = run_with (&ctx, "if allof (true, true, true, true, true, true, true, true, true, true,"
                " true, true, true, true, true, true, true, true, true, true, true, true,"
                " true, true, true, true, true, true, true, true, true, true, true, true,"
                " true, true, true, true, true, true, true, true, true, true, true, true,"
                " true, true, true, true, true, true) { keep; }", TEST_MESSAGE, &env);
  g_assert_cmpstr (c, ==, "ERROR: t.sieve:1: the script used more than its step budget");
}

static void
test_message_shared (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "s@example.com", .recipient = "r@example.org" };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrSieveMessage) m = NULL;
  g_autoptr (PrdrSieveScript) s1 = NULL, s2 = NULL;
  g_autoptr (PrdrSieveResult) r1 = NULL, r2 = NULL, r3 = NULL;

  prdr_sieve_context_init (&ctx);
  m = prdr_sieve_message_new_from_bytes (TEST_MESSAGE, strlen (TEST_MESSAGE), &error);
  s1 = prdr_sieve_script_compile (&ctx, "a", "if header :contains \"subject\" \"big\" { discard; }",
                                  -1, NULL, &error);
  s2 = prdr_sieve_script_compile (&ctx, "b", "if header :contains \"subject\" \"small\" "
                                  "{ discard; }", -1, NULL, &error);
  g_assert_no_error (error);
  /* one message view, several scripts and runs: results do not leak */
  r1 = prdr_sieve_script_run (s1, m, &env, &ctx, &error);
  r2 = prdr_sieve_script_run (s2, m, &env, &ctx, &error);
  r3 = prdr_sieve_script_run (s1, m, &env, &ctx, &error);
  g_assert_no_error (error);
  g_assert_false (r1->implicit_keep);
  g_assert_true (r2->implicit_keep);
  g_assert_cmpuint (r3->actions->len, ==, 1);
}

static void
test_odd_messages (void)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "", .recipient = "r@example.org" };
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  prdr_sieve_context_init (&ctx);
  a = run_with (&ctx, "if exists \"from\" { discard; }", "", &env);
  g_assert_cmpstr (a, ==, "implicit keep");
  b = run_with (&ctx, "if header :contains \"subject\" \"x\" { discard; }",
                "Subject: no body, no blank line, x", &env);
  g_assert_cmpstr (b, ==, "discard");
  c = run_with (&ctx, "if address :all :is \"from\" \"not an address\" { discard; }",
                "From: not an address\n\nbody\n", &env);
  g_assert_cmpstr (c, ==, "discard");
}

static void
test_capabilities (void)
{
  const char *const *caps = prdr_sieve_capabilities ();
  guint n = 0;

  for (const char *const *c = caps; *c; c++, n++)
    {
      /* every advertised capability can be required (with the two that
       * extracttext needs, RFC 5703 section 8) */
      g_autofree char *script = g_strdup_printf (
        "require [\"%s\", \"variables\", \"foreverypart\"];", *c);
      PrdrSieveContext ctx;
      g_autofree char *d = NULL;
      prdr_sieve_context_init (&ctx);
      d = compile_diags (&ctx, script);
      g_assert_cmpstr (d, ==, "");
    }
  g_assert_cmpuint (n, >=, 30);
  g_assert_true (g_strv_contains (caps, "vacation-seconds"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/sieve/core/implicit-keep", test_implicit_keep);
  g_test_add_func ("/sieve/core/control", test_control);
  g_test_add_func ("/sieve/core/header-decoding", test_header_decoding);
  g_test_add_func ("/sieve/core/addresses", test_addresses);
  g_test_add_func ("/sieve/core/conflicts-limits", test_conflicts_and_limits);
  g_test_add_func ("/sieve/core/message-shared", test_message_shared);
  g_test_add_func ("/sieve/core/odd-messages", test_odd_messages);
  g_test_add_func ("/sieve/core/capabilities", test_capabilities);
  return g_test_run ();
}
