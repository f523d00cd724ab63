/*
 * match.c - match types (RFC 5228 section 2.7.1; relational RFC 5231;
 * regex draft-murchison-sieve-regex; extlists RFC 6134) and the matching
 * of a value list against a key list.
 *
 *   prdr_sieve_match_type_find, prdr_sieve_glob_match, prdr_sieve_contains,
 *   prdr_sieve_run_match
 *
 * :matches is linear-ish: the pattern is split at its '*'s, the first
 * segment is anchored at the start, the last at the end, and each middle
 * segment is placed at its leftmost occurrence, which is always correct for
 * glob patterns and gives the non-greedy captures RFC 5229 section 3.2
 * asks for.  No backtracking: O(value length x pattern length) at worst.
 * '?' is one octet: "the comparators "i;octet" and "i;ascii-casemap"
 * define a character to be a single octet" (RFC 5228 2.7.1), and the
 * engine has no Unicode comparator.  So every segment without '*' has a
 * fixed width.  A comparison costs one interpreter step per value and key.
 */
#include "sieve-private.h"

#include <string.h>

#define PRDR_SIEVE_GLOB_STAR (-1)
#define PRDR_SIEVE_GLOB_ONE (-2)

const PrdrSieveMatchType prdr_sieve_match_is = { "is", NULL, PRDR_SIEVE_MATCH_IS };
static const PrdrSieveMatchType prdr_sieve_match_types[] = {
  { "is", NULL, PRDR_SIEVE_MATCH_IS },
  { "contains", NULL, PRDR_SIEVE_MATCH_CONTAINS },
  { "matches", NULL, PRDR_SIEVE_MATCH_MATCHES },
  { "regex", "regex", PRDR_SIEVE_MATCH_REGEX },
  { "value", "relational", PRDR_SIEVE_MATCH_VALUE },
  { "count", "relational", PRDR_SIEVE_MATCH_COUNT },
  { "list", "extlists", PRDR_SIEVE_MATCH_LIST },
};

const PrdrSieveMatchType *
prdr_sieve_match_type_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_match_types); i++)
    if (g_ascii_strcasecmp (prdr_sieve_match_types[i].name, name) == 0)
      return &prdr_sieve_match_types[i];
  return NULL;
}

/* prdr_sieve_glob_tokens - pattern to tokens: octets, STAR, ONE; "\\x" is x */
static GArray *
prdr_sieve_glob_tokens (const char *pattern, gsize plen)
{
  GArray *t = g_array_sized_new (FALSE, FALSE, sizeof (int), plen);

  for (gsize i = 0; i < plen; i++)
    {
      int tok = (guchar) pattern[i];
      if (pattern[i] == '\\' && i + 1 < plen)
        tok = (guchar) pattern[++i];
      else if (pattern[i] == '*')
        tok = PRDR_SIEVE_GLOB_STAR;
      else if (pattern[i] == '?')
        tok = PRDR_SIEVE_GLOB_ONE;
      g_array_append_val (t, tok);
    }
  return t;
}

/* prdr_sieve_glob_segment - match tokens [a,b) at v[pos..]; returns the end
 * offset or -1; appends the '?' captures when @caps is given */
static gssize
prdr_sieve_glob_segment (const PrdrSieveComparator *cmp, const int *tok, guint a, guint b,
                         const char *v, gsize vlen, gsize pos, GPtrArray *caps)
{
  for (guint k = a; k < b; k++)
    {
      if (pos >= vlen)
        return -1;
      if (tok[k] == PRDR_SIEVE_GLOB_ONE)
        {
          if (caps)
            g_ptr_array_add (caps, g_strndup (v + pos, 1));
          pos++;
        }
      else if (cmp->fold ((guchar) v[pos]) != cmp->fold ((guchar) tok[k]))
        return -1;
      else
        pos++;
    }
  return pos;
}

/* prdr_sieve_glob_place - positions (start, end) of each star-separated
 * segment, or FALSE when the value does not match */
static gboolean
prdr_sieve_glob_place (const PrdrSieveComparator *cmp, const int *tok, const GArray *bounds,
                       const char *v, gsize vlen, gsize *starts, gsize *ends)
{
  guint nseg = bounds->len / 2;
  gsize pos = 0;

  for (guint s = 0; s < nseg; s++)
    {
      guint a = g_array_index (bounds, guint, 2 * s), b = g_array_index (bounds, guint, 2 * s + 1);
      gboolean first = s == 0, last = s == nseg - 1;
      gssize end = -1;
      gsize from = pos;

      gboolean direct = first || last;

      if (!first && direct)
        {
          /* the last segment (fixed width) can only sit at the very end */
          if (vlen < pos + (b - a))
            return FALSE;
          from = vlen - (b - a);
        }
      if (direct)
        end = prdr_sieve_glob_segment (cmp, tok, a, b, v, vlen, from, NULL);
      else
        for (; from <= vlen; from++)
          {
            end = prdr_sieve_glob_segment (cmp, tok, a, b, v, vlen, from, NULL);
            if (end >= 0 && (!last || (gsize) end == vlen))
              break;
            end = -1;
          }
      if (end < 0 || (last && (gsize) end != vlen))
        return FALSE;
      starts[s] = from;
      ends[s] = end;
      pos = end;
    }
  return TRUE;
}

/* prdr_sieve_glob_captures - the substring of each wildcard, in order */
static void
prdr_sieve_glob_captures (const PrdrSieveComparator *cmp, const int *tok, guint ntok,
                          const GArray *bounds, const char *v, gsize vlen,
                          const gsize *starts, const gsize *ends, GPtrArray *caps)
{
  guint nseg = bounds->len / 2;

  g_ptr_array_add (caps, g_strndup (v, vlen));
  for (guint s = 0; s < nseg; s++)
    {
      guint a = g_array_index (bounds, guint, 2 * s), b = g_array_index (bounds, guint, 2 * s + 1);
      prdr_sieve_glob_segment (cmp, tok, a, b, v, vlen, starts[s], caps);
      /* the stars after this segment: each matches as little as possible,
       * so in a run of stars the last one takes the gap (RFC 5229 3.2) */
      for (guint k = b; k < ntok && tok[k] == PRDR_SIEVE_GLOB_STAR; k++)
        g_ptr_array_add (caps, (k + 1 == ntok || tok[k + 1] != PRDR_SIEVE_GLOB_STAR) && s + 1 < nseg
                         ? g_strndup (v + ends[s], starts[s + 1] - ends[s]) : g_strdup (""));
    }
}

gboolean
prdr_sieve_glob_match (const PrdrSieveComparator *cmp, const char *value, gsize vlen,
                       const char *pattern, gsize plen, GPtrArray *captures)
{
  g_autoptr (GArray) tokens = prdr_sieve_glob_tokens (pattern, plen);
  g_autoptr (GArray) bounds = g_array_new (FALSE, FALSE, sizeof (guint));
  const int *tok = (const int *) tokens->data;
  guint a = 0;
  gboolean ok;

  /* segments between stars; a trailing star gives an empty last segment */
  for (guint k = 0; k <= tokens->len; k++)
    if (k == tokens->len || tok[k] == PRDR_SIEVE_GLOB_STAR)
      {
        if (k == tokens->len || k == 0 || tok[k - 1] != PRDR_SIEVE_GLOB_STAR || a != k)
          {
            g_array_append_val (bounds, a);
            g_array_append_val (bounds, k);
          }
        a = k + 1;
      }
  g_autofree gsize *starts = g_new0 (gsize, bounds->len / 2 + 1);
  g_autofree gsize *ends = g_new0 (gsize, bounds->len / 2 + 1);
  ok = prdr_sieve_glob_place (cmp, tok, bounds, value, vlen, starts, ends);
  if (ok && captures)
    prdr_sieve_glob_captures (cmp, tok, tokens->len, bounds, value, vlen, starts, ends,
                              captures);
  return ok;
}

gboolean
prdr_sieve_contains (const PrdrSieveComparator *cmp, const char *value, gsize vlen,
                     const char *key, gsize klen)
{
  if (klen == 0)
    return TRUE;
  for (gsize i = 0; i + klen <= vlen; i++)
    {
      gsize k = 0;
      while (k < klen && cmp->fold ((guchar) value[i + k]) == cmp->fold ((guchar) key[k]))
        k++;
      if (k == klen)
        return TRUE;
    }
  return FALSE;
}

static gboolean
prdr_sieve_relation_holds (PrdrSieveRelation rel, int c)
{
  switch (rel)
    {
    case PRDR_SIEVE_REL_GT: return c > 0;
    case PRDR_SIEVE_REL_GE: return c >= 0;
    case PRDR_SIEVE_REL_LT: return c < 0;
    case PRDR_SIEVE_REL_LE: return c <= 0;
    case PRDR_SIEVE_REL_EQ: return c == 0;
    case PRDR_SIEVE_REL_NE: return c != 0;
    default: return FALSE;
    }
}

/* prdr_sieve_match_regex - :regex with the compile-time code of key @k
 * when there is one */
static int
prdr_sieve_match_regex (PrdrSieveRun *run, const PrdrSieveNode *node, const char *value,
                        const char *key, guint k, GPtrArray *caps)
{
  const GPtrArray *pre = node->match.regex;
  gpointer code = pre && k < pre->len ? g_ptr_array_index (pre, k) : NULL;
  gboolean own = code == NULL;
  g_autofree char *err = NULL;
  int r;

  if (own)
    code = prdr_sieve_regex_compile (key, node->match.comparator
                                     == &prdr_sieve_comparator_casemap, &err);
  if (!code)
    {
      prdr_sieve_run_error (run, node, "invalid regular expression '%s': %s", key, err);
      return -1;
    }
  r = prdr_sieve_regex_match (code, value, caps);
  if (own)
    prdr_sieve_regex_free (code);
  if (r < 0)
    prdr_sieve_run_error (run, node, "regular expression '%s' hit its match limit", key);
  return r;
}

/* prdr_sieve_match_one - one value against one key; captures for
 * :matches/:regex go to @caps.  Returns 1, 0, or -1 on error. */
static int
prdr_sieve_match_one (PrdrSieveRun *run, const PrdrSieveNode *node, const char *value,
                      const char *key, guint k, GPtrArray *caps)
{
  const PrdrSieveMatchSpec *m = &node->match;
  const PrdrSieveComparator *cmp = m->comparator;
  gsize vlen = strlen (value), klen = strlen (key);

  switch (m->match_type->kind)
    {
    case PRDR_SIEVE_MATCH_IS:
      return cmp->compare (value, vlen, key, klen) == 0;
    case PRDR_SIEVE_MATCH_CONTAINS:
      return prdr_sieve_contains (cmp, value, vlen, key, klen);
    case PRDR_SIEVE_MATCH_MATCHES:
      return prdr_sieve_glob_match (cmp, value, vlen, key, klen, caps);
    case PRDR_SIEVE_MATCH_VALUE:
      return prdr_sieve_relation_holds (m->relation, cmp->compare (value, vlen, key, klen));
    case PRDR_SIEVE_MATCH_REGEX:
      return prdr_sieve_match_regex (run, node, value, key, k, caps);
    case PRDR_SIEVE_MATCH_LIST:
      if (!run->ctx->list_resolver)
        return 0;
      return run->ctx->list_resolver (key, value, run->ctx->resolver_data) > 0;
    default:
      return 0;
    }
}

/* prdr_sieve_match_count - :count: the number of values against keys */
static gboolean
prdr_sieve_match_count (const PrdrSieveNode *node, GPtrArray *values, GPtrArray *keys)
{
  g_autofree char *count = g_strdup_printf ("%u", values->len);

  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = g_ptr_array_index (keys, k);
      int c = node->match.comparator->compare (count, strlen (count), key, strlen (key));
      if (prdr_sieve_relation_holds (node->match.relation, c))
        return TRUE;
    }
  return FALSE;
}

PrdrSieveStatus
prdr_sieve_run_match (PrdrSieveRun *run, const PrdrSieveNode *node, GPtrArray *values,
                      GPtrArray *keys, gboolean *result)
{
  PrdrSieveMatchKind kind = node->match.match_type->kind;
  gboolean want_caps = (kind == PRDR_SIEVE_MATCH_MATCHES || kind == PRDR_SIEVE_MATCH_REGEX)
    && prdr_sieve_script_requires (run->script, "variables")
    && !(node->def->flags & PRDR_SIEVE_FLAG_NO_CAPTURE);
  PrdrSieveStatus st;

  *result = FALSE;
  st = prdr_sieve_run_step (run, node, (guint64) values->len * MAX (keys->len, 1u));
  if (st != PRDR_SIEVE_STATUS_OK)
    return st;
  if (kind == PRDR_SIEVE_MATCH_COUNT)
    {
      *result = prdr_sieve_match_count (node, values, keys);
      return PRDR_SIEVE_STATUS_OK;
    }
  for (guint v = 0; v < values->len; v++)
    for (guint k = 0; k < keys->len; k++)
      {
        g_autoptr (GPtrArray) caps = want_caps ? g_ptr_array_new_with_free_func (g_free) : NULL;
        int r = prdr_sieve_match_one (run, node, g_ptr_array_index (values, v),
                                      g_ptr_array_index (keys, k), k, caps);
        if (r < 0)
          return PRDR_SIEVE_STATUS_ERROR;
        if (r > 0)
          {
            if (caps)
              prdr_sieve_run_set_match_vars (run, caps);
            *result = TRUE;
            return PRDR_SIEVE_STATUS_OK;
          }
      }
  return PRDR_SIEVE_STATUS_OK;
}
