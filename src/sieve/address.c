/*
 * address.c - addresses in header fields and their parts (RFC 5228
 * section 2.7.4; subaddress RFC 5233).
 *
 *   prdr_sieve_address_parse, prdr_sieve_address_part, prdr_sieve_address_canonical
 *
 * Header values are parsed by GMime's RFC 5322 address parser: groups are
 * flattened into their member mailboxes, display names and comments
 * dropped.  Each address comes out in one canonical form, because a
 * quoted-string local part means the same as its unquoted text (RFC 5322
 * section 3.4.1, section 3.2.4 for quoted-pairs; RFC 5321 section 4.1.2
 * for envelope paths): a quoted local part is written as a dot-atom when
 * its value is one ("john.doe"@example.com -> john.doe@example.com) and as
 * a minimal quoted-string otherwise.  An
 * address part splits at the '@' after the local part; :localpart, :user
 * and :detail see the local part's value without quotes; :user and
 * :detail split it at the first of the configured separator characters
 * (RFC 5233 section 4: no separator gives :detail no value at all, an
 * empty detail is "").
 */
#include "sieve-private.h"

#include <string.h>

/* prdr_sieve_address_atext - RFC 5322 3.2.3 atext, with RFC 6532's
 * UTF-8 octets */
static gboolean
prdr_sieve_address_atext (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80 || strchr ("!#$%&'*+-/=?^_`{|}~", c);
}

/* prdr_sieve_address_dot_atom - @s is a dot-atom-text (RFC 5322 3.2.3) */
static gboolean
prdr_sieve_address_dot_atom (const char *s)
{
  gboolean after_dot = TRUE;

  for (const char *p = s; *p; p++)
    {
      if (*p == '.' && !after_dot)
        after_dot = TRUE;
      else if (*p != '.' && prdr_sieve_address_atext (*p))
        after_dot = FALSE;
      else
        return FALSE;
    }
  return !after_dot;
}

/* prdr_sieve_address_local_end - end of the local part of @address (the
 * '@' after it, or the end): a quoted-string may hold '@' */
static const char *
prdr_sieve_address_local_end (const char *address)
{
  const char *p = address;

  if (*p == '"')
    {
      for (p++; *p && *p != '"'; p++)
        if (*p == '\\' && p[1])
          p++;
      if (*p)
        p++;
      return strchr (p, '@') ? strchr (p, '@') : p + strlen (p);
    }
  return strrchr (address, '@') ? strrchr (address, '@') : address + strlen (address);
}

/* prdr_sieve_address_local_value - the local part's value: a
 * quoted-string without its quotes and quoted-pair backslashes */
static char *
prdr_sieve_address_local_value (const char *local, gsize len)
{
  GString *out;

  if (len < 2 || local[0] != '"' || local[len - 1] != '"')
    return g_strndup (local, len);
  out = g_string_sized_new (len);
  for (gsize i = 1; i + 1 < len; i++)
    {
      if (local[i] == '\\' && i + 2 < len)
        i++;
      g_string_append_c (out, local[i]);
    }
  return g_string_free (out, FALSE);
}

char *
prdr_sieve_address_canonical (const char *addr)
{
  const char *end = prdr_sieve_address_local_end (addr);
  g_autofree char *local = NULL;
  GString *out;

  if (*addr != '"')
    return g_strdup (addr);
  local = prdr_sieve_address_local_value (addr, end - addr);
  if (prdr_sieve_address_dot_atom (local))
    return g_strconcat (local, end, NULL);
  out = g_string_new ("\"");
  for (const char *p = local; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_printf (out, "\"%s", end);
  return g_string_free (out, FALSE);
}

static void
prdr_sieve_address_collect (InternetAddressList *list, GPtrArray *out, guint depth)
{
  for (int i = 0; list && i < internet_address_list_length (list); i++)
    {
      InternetAddress *a = internet_address_list_get_address (list, i);
      if (INTERNET_ADDRESS_IS_MAILBOX (a))
        {
          const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (a));
          if (addr && *addr)
            g_ptr_array_add (out, prdr_sieve_address_canonical (addr));
        }
      else if (INTERNET_ADDRESS_IS_GROUP (a) && depth == 0)
        prdr_sieve_address_collect (
          internet_address_group_get_members (INTERNET_ADDRESS_GROUP (a)), out, depth + 1);
    }
}

gboolean
prdr_sieve_address_parse (const char *value, GPtrArray *out)
{
  InternetAddressList *list = internet_address_list_parse (NULL, value);
  gboolean parsed = list && internet_address_list_length (list) > 0;

  prdr_sieve_address_collect (list, out, 0);
  if (list)
    g_object_unref (list);
  return parsed;
}

char *
prdr_sieve_address_part (const char *address, PrdrSieveAddressPart part,
                         const char *separators)
{
  const char *at = prdr_sieve_address_local_end (address);
  g_autofree char *local = prdr_sieve_address_local_value (address, at - address);
  char *sep;

  switch (part)
    {
    case PRDR_SIEVE_ADDR_ALL:
      return g_strdup (address);
    case PRDR_SIEVE_ADDR_LOCALPART:
      return g_steal_pointer (&local);
    case PRDR_SIEVE_ADDR_DOMAIN:
      return *at ? g_strdup (at + 1) : NULL;
    case PRDR_SIEVE_ADDR_USER:
      sep = strpbrk (local, separators ? separators : "+");
      return sep ? g_strndup (local, sep - local) : g_steal_pointer (&local);
    case PRDR_SIEVE_ADDR_DETAIL:
      sep = strpbrk (local, separators ? separators : "+");
      return sep ? g_strdup (sep + 1) : NULL;
    default:
      return NULL;
    }
}
