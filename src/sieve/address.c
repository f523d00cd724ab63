/*
 * address.c - addresses in header fields and their parts (RFC 5228
 * section 2.7.4; subaddress RFC 5233).
 *
 *   prdr_sieve_address_parse, prdr_sieve_address_part
 *
 * Header values are parsed by GMime's RFC 5322 address parser: groups are
 * flattened into their member mailboxes, display names and comments
 * dropped.  An address part splits at the last '@'; :user and :detail split
 * the local part at the first of the configured separator characters
 * (RFC 5233 section 4: no separator gives :detail no value at all, an empty
 * detail is "").
 */
#include "sieve-private.h"

#include <string.h>

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
            g_ptr_array_add (out, g_strdup (addr));
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
  const char *at = strrchr (address, '@');
  g_autofree char *local = at ? g_strndup (address, at - address) : g_strdup (address);
  char *sep;

  switch (part)
    {
    case PRDR_SIEVE_ADDR_ALL:
      return g_strdup (address);
    case PRDR_SIEVE_ADDR_LOCALPART:
      return g_steal_pointer (&local);
    case PRDR_SIEVE_ADDR_DOMAIN:
      return at ? g_strdup (at + 1) : NULL;
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
