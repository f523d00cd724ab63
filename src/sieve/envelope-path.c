/*
 * envelope-path.c - the address in an SMTP reverse- or forward-path
 * (RFC 5321 section 4.1.2) for the envelope test.
 *
 *   prdr_sieve_envelope_path_parse
 *
 *   Path = "<" [ A-d-l ":" ] Mailbox ">"      (the brackets may be absent)
 *   A-d-l = "@" Domain *( "," "@" Domain )    (source route, ignored)
 *   Mailbox = Local-part [ "@" ( Domain / address-literal ) ]
 *
 * A local part alone ("<MAILER-DAEMON>", "<postmaster>") is accepted.  As
 * deployed mail needs, and as Pigeonhole does, dots may appear anywhere in a
 * dot-string local part and '_' or '-' anywhere in a domain label; bytes
 * above 127 are allowed (RFC 6531).  Anything else is not a path.  A
 * quoted local part comes out canonical (address.c): "john.doe"@x is
 * john.doe@x.
 */
#include "sieve-private.h"

#include <string.h>

static gboolean
prdr_sieve_path_atext (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80 || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~.", c));
}

/* prdr_sieve_path_domain - skip a Domain or address-literal; NULL if none */
static const char *
prdr_sieve_path_domain (const char *p)
{
  if (*p == '[')
    {
      const char *end = p + 1;
      while (*end > ' ' && *end != '[' && *end != ']' && *end != '\\')
        end++;
      return *end == ']' && end > p + 1 ? end + 1 : NULL;
    }
  do
    {
      const char *label = p;
      while (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || (guchar) *p >= 0x80)
        p++;
      if (p == label)
        return NULL;
    }
  while (*p == '.' && *++p);
  return p[-1] == '.' ? NULL : p;
}

/* prdr_sieve_path_local - skip a Dot-string or Quoted-string; NULL if none */
static const char *
prdr_sieve_path_local (const char *p)
{
  const char *start = p;

  if (*p != '"')
    {
      while (prdr_sieve_path_atext (*p))
        p++;
      return p > start ? p : NULL;
    }
  for (p++; *p && *p != '"'; p++)
    if (*p == '\\' && !*++p)
      return NULL;
  return *p == '"' ? p + 1 : NULL;
}

/* prdr_sieve_path_route - skip an A-d-l and its ':' if present; NULL if bad */
static const char *
prdr_sieve_path_route (const char *p)
{
  if (*p != '@')
    return p;
  do
    if (*p != '@' || !(p = prdr_sieve_path_domain (p + 1)))
      return NULL;
  while (*p == ',' && p++);
  return *p == ':' ? p + 1 : NULL;
}

char *
prdr_sieve_envelope_path_parse (const char *path)
{
  gsize len = strlen (path);
  gboolean bracketed = len > 0 && path[0] == '<';
  g_autofree char *inner = NULL;
  const char *mailbox, *end;

  if (bracketed != (len > 0 && path[len - 1] == '>') || (bracketed && len < 2))
    return NULL;
  inner = bracketed ? g_strndup (path + 1, len - 2) : g_strdup (path);
  if (*inner == '\0')
    return g_strdup ("");                       /* the null path */
  if (!(mailbox = prdr_sieve_path_route (inner)) || !(end = prdr_sieve_path_local (mailbox)))
    return NULL;
  if (*end == '@')
    end = prdr_sieve_path_domain (end + 1);
  return end && *end == '\0' ? prdr_sieve_address_canonical (mailbox) : NULL;
}
