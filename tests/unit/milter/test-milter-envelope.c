/*
 * test-milter-envelope.c - libmilter's callback arguments into engine form
 * (src/milter/envelope.c): addresses without brackets, client addresses as
 * text, unresolved client names as "".
 */
#include "envelope.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/un.h>

static void
test_address (void)
{
  static const struct { const char *arg, *want; } cases[] = {
    { "<alice@example.org>", "alice@example.org" },
    { "<>", "" },
    { "alice@example.org", "alice@example.org" },
    { "  <Bob+lists@Example.ORG> ", "Bob+lists@Example.ORG" },
    { "<@relay.example:carol@example.org>", "@relay.example:carol@example.org" },
    { "<", "<" },
    { "", "" },
    { NULL, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = prdr_milter_envelope_address (cases[i].arg);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static void
test_client_address (void)
{
  struct sockaddr_in in = { .sin_family = AF_INET };
  struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
  struct sockaddr_un un = { .sun_family = AF_UNIX };
  g_autofree char *v4 = NULL, *v6 = NULL, *local = NULL, *none = NULL;

  inet_pton (AF_INET, "192.0.2.7", &in.sin_addr);
  inet_pton (AF_INET6, "2001:db8::25", &in6.sin6_addr);
  v4 = prdr_milter_envelope_client_address ((struct sockaddr *) &in);
  v6 = prdr_milter_envelope_client_address ((struct sockaddr *) &in6);
  local = prdr_milter_envelope_client_address ((struct sockaddr *) &un);
  none = prdr_milter_envelope_client_address (NULL);
  g_assert_cmpstr (v4, ==, "192.0.2.7");
  g_assert_cmpstr (v6, ==, "2001:db8::25");
  g_assert_cmpstr (local, ==, "");
  g_assert_cmpstr (none, ==, "");
}

static void
test_client_name (void)
{
  g_assert_cmpstr (prdr_milter_envelope_client_name ("mail.example.org"), ==,
                   "mail.example.org");
  g_assert_cmpstr (prdr_milter_envelope_client_name ("unknown"), ==, "");
  g_assert_cmpstr (prdr_milter_envelope_client_name ("[192.0.2.7]"), ==, "");
  g_assert_cmpstr (prdr_milter_envelope_client_name (NULL), ==, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/milter/envelope/address", test_address);
  g_test_add_func ("/milter/envelope/client-address", test_client_address);
  g_test_add_func ("/milter/envelope/client-name", test_client_name);
  return g_test_run ();
}
