/*
 * test-sieve-redirect.c - the redirect action as the engine reports it
 * (RFC 5228 section 4.2): the target is the address alone, and two
 * redirects to one mailbox, written differently, are one action (RFC 5228
 * section 2.10.3 on duplicates; mail/addr-spec.h compares them).  A
 * quoted local part that needs no quotes is reported without them (RFC
 * 5322 section 3.4.1: the same mailbox; address.c).
 */
#include "sieve-test-util.h"

static void
test_redirect_duplicates (void)
{
  assert_run ("redirect \"\\\"Sirius\\\"@example.net\";\n"
              "redirect \"Sirius@Example.NET\";\n"
              "redirect \"Stephan Bosch <sirius@example.net>\";\n"
              "redirect \"other@example.net\";",
              "redirect \"Sirius@example.net\"\n"
              "redirect \"other@example.net\"");
  assert_run ("redirect \"\\\"S[r]us\\\"@example.net\";\n"
              "redirect \"S.r.us@example.net\";",
              "redirect \"\\\"S[r]us\\\"@example.net\"\n"
              "redirect \"S.r.us@example.net\"");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/sieve/redirect/duplicates", test_redirect_duplicates);
  return g_test_run ();
}
