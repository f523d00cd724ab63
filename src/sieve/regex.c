/*
 * regex.c - the :regex match type (draft-murchison-sieve-regex-07) on
 * PCRE2, with a match limit and a depth limit so a hostile pattern or value
 * cannot burn CPU (PRDR_SIEVE_REGEX_MATCH_LIMIT, _DEPTH_LIMIT).
 *
 *   prdr_sieve_regex_compile, prdr_sieve_regex_match, prdr_sieve_regex_free
 *
 * Constant patterns are compiled once, at compile time (validator.c);
 * patterns built from variables at each evaluation.
 * Patterns are POSIX extended regular expressions in the draft; PCRE2 is
 * a superset for everything scripts write in practice.  i;ascii-casemap
 * makes the match caseless.  Captures become match variables ${0}..${9}.
 */
#include "sieve-private.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

gpointer
prdr_sieve_regex_compile (const char *pattern, gboolean caseless, char **err)
{
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code *re = pcre2_compile ((PCRE2_SPTR) pattern, PCRE2_ZERO_TERMINATED,
                                  (caseless ? PCRE2_CASELESS : 0) | PCRE2_DOLLAR_ENDONLY
                                  | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
                                  &code, &offset, NULL);
  if (!re)
    {
      PCRE2_UCHAR buf[256];
      pcre2_get_error_message (code, buf, sizeof buf);
      *err = g_strdup_printf ("%s at offset %zu", (const char *) buf, (size_t) offset);
    }
  return re;
}

void
prdr_sieve_regex_free (gpointer code)
{
  if (code)
    pcre2_code_free (code);
}

int
prdr_sieve_regex_match (gpointer code, const char *value, GPtrArray *captures)
{
  pcre2_match_data *md = pcre2_match_data_create_from_pattern (code, NULL);
  pcre2_match_context *mc = pcre2_match_context_create (NULL);
  int rc;

  pcre2_set_match_limit (mc, PRDR_SIEVE_REGEX_MATCH_LIMIT);
  pcre2_set_depth_limit (mc, PRDR_SIEVE_REGEX_DEPTH_LIMIT);
  rc = pcre2_match (code, (PCRE2_SPTR) value, PCRE2_ZERO_TERMINATED, 0, 0, md, mc);
  if (rc > 0 && captures)
    {
      PCRE2_SIZE *ov = pcre2_get_ovector_pointer (md);
      for (int i = 0; i < rc && i < PRDR_SIEVE_MAX_MATCH_VARIABLES; i++)
        g_ptr_array_add (captures, ov[2 * i] == PCRE2_UNSET ? g_strdup ("")
                         : g_strndup (value + ov[2 * i], ov[2 * i + 1] - ov[2 * i]));
    }
  pcre2_match_context_free (mc);
  pcre2_match_data_free (md);
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT)
    return -1;
  return rc > 0;
}
