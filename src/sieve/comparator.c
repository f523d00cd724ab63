/*
 * comparator.c - the comparators of RFC 5228 section 2.7.3 / RFC 4790:
 * i;octet, i;ascii-casemap and i;ascii-numeric.
 *
 *   prdr_sieve_comparator_find
 *
 * i;ascii-numeric (RFC 4790 section 9.1): a string's value is its leading
 * digits; a string that does not start with a digit is positive infinity,
 * and infinities are equal.  Digits are compared without any size limit
 * (leading zeros dropped, then by length, then by digits).  It has no
 * substring operations, so :contains and :matches refuse it.
 */
#include "sieve-private.h"

#include <string.h>

static int
prdr_sieve_cmp_octet (const char *a, gsize alen, const char *b, gsize blen)
{
  int r = memcmp (a, b, MIN (alen, blen));
  if (r)
    return r;
  return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static guchar
prdr_sieve_fold_octet (guchar c)
{
  return c;
}

static int
prdr_sieve_cmp_casemap (const char *a, gsize alen, const char *b, gsize blen)
{
  for (gsize i = 0; i < MIN (alen, blen); i++)
    {
      int r = (int) g_ascii_tolower (a[i]) - (int) g_ascii_tolower (b[i]);
      if (r)
        return r;
    }
  return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static guchar
prdr_sieve_fold_casemap (guchar c)
{
  return g_ascii_tolower (c);
}

/* prdr_sieve_numeric_digits - the significant digits of @s: sets *start
 * and returns their count; -1 when @s does not start with a digit */
static gssize
prdr_sieve_numeric_digits (const char *s, gsize len, const char **start)
{
  gsize i = 0, n;

  if (len == 0 || !g_ascii_isdigit (s[0]))
    return -1;
  while (i + 1 < len && s[i] == '0' && g_ascii_isdigit (s[i + 1]))
    i++;
  for (n = i; n < len && g_ascii_isdigit (s[n]); n++)
    ;
  *start = s + i;
  return n - i;
}

static int
prdr_sieve_cmp_numeric (const char *a, gsize alen, const char *b, gsize blen)
{
  const char *da = NULL, *db = NULL;
  gssize na = prdr_sieve_numeric_digits (a, alen, &da);
  gssize nb = prdr_sieve_numeric_digits (b, blen, &db);

  if (na < 0 || nb < 0)
    return (na < 0) - (nb < 0);   /* infinity is larger than any number */
  if (na != nb)
    return na < nb ? -1 : 1;
  return memcmp (da, db, na);
}

const PrdrSieveComparator prdr_sieve_comparator_octet = {
  .name = "i;octet", .compare = prdr_sieve_cmp_octet, .fold = prdr_sieve_fold_octet,
};
const PrdrSieveComparator prdr_sieve_comparator_casemap = {
  .name = "i;ascii-casemap", .compare = prdr_sieve_cmp_casemap,
  .fold = prdr_sieve_fold_casemap,
};
const PrdrSieveComparator prdr_sieve_comparator_numeric = {
  .name = "i;ascii-numeric", .capability = "comparator-i;ascii-numeric",
  .compare = prdr_sieve_cmp_numeric,
};

static const PrdrSieveComparator *const prdr_sieve_comparators[] = {
  &prdr_sieve_comparator_octet, &prdr_sieve_comparator_casemap,
  &prdr_sieve_comparator_numeric,
};

const PrdrSieveComparator *
prdr_sieve_comparator_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_comparators); i++)
    if (g_ascii_strcasecmp (prdr_sieve_comparators[i]->name, name) == 0)
      return prdr_sieve_comparators[i];
  return NULL;
}
