/*
 * envelope.c - addresses and client information from libmilter's callback
 * arguments into the forms engine.h documents.
 *
 * RFC 5321 section 4.1.2: a Path is "<" [ A-d-l ":" ] Mailbox ">"; the
 * source route (A-d-l) is obsolete and kept as the MTA sent it.
 */
#include "envelope.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

char *
prdr_milter_envelope_address (const char *arg)
{
  g_autofree char *copy = g_strstrip (g_strdup (arg ? arg : ""));
  gsize length = strlen (copy);

  if (length >= 2 && copy[0] == '<' && copy[length - 1] == '>')
    return g_strndup (copy + 1, length - 2);
  return g_steal_pointer (&copy);
}

char *
prdr_milter_envelope_client_address (const struct sockaddr *addr)
{
  char text[INET6_ADDRSTRLEN] = "";

  if (addr == NULL)
    return g_strdup ("");
  if (addr->sa_family == AF_INET)
    {
      struct sockaddr_in in;
      memcpy (&in, addr, sizeof in);
      inet_ntop (AF_INET, &in.sin_addr, text, sizeof text);
    }
  else if (addr->sa_family == AF_INET6)
    {
      struct sockaddr_in6 in6;
      memcpy (&in6, addr, sizeof in6);
      inet_ntop (AF_INET6, &in6.sin6_addr, text, sizeof text);
    }
  return g_strdup (text);
}

const char *
prdr_milter_envelope_client_name (const char *name)
{
  if (name == NULL || name[0] == '[' || g_ascii_strcasecmp (name, "unknown") == 0)
    return "";
  return name;
}
