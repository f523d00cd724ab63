/*
 * testsuite-editheader.c - Pigeonhole's editheader settings, applied to
 * the engine's context as a caller configures it (test_config_set, then
 * test_config_reload): sieve_editheader_max_header_size (octets, empty for
 * the default), sieve_editheader_protected (fields neither added nor
 * deleted), sieve_editheader_forbid_add and sieve_editheader_forbid_delete,
 * each a space-separated list of field names.  Test code.
 */
#include "testsuite.h"

#include <string.h>

/* ts_editheader_list - the names of setting @name, and those of
 * sieve_editheader_protected */
static char **
ts_editheader_list (TsState *ts, const char *name)
{
  const char *own = g_hash_table_lookup (ts->config, name);
  const char *both = g_hash_table_lookup (ts->config, "sieve_editheader_protected");
  g_autofree char *all = g_strjoin (" ", own ? own : "", both ? both : "", NULL);
  g_auto (GStrv) words = g_strsplit_set (all, " \t", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (char **w = words; *w; w++)
    if (**w)
      g_ptr_array_add (out, g_strdup (*w));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

void
ts_editheader_reload (TsState *ts)
{
  const char *size = g_hash_table_lookup (ts->config, "sieve_editheader_max_header_size");

  ts->ctx.limits.max_header_size = size && *size ? g_ascii_strtoull (size, NULL, 10)
    : PRDR_SIEVE_DEFAULT_MAX_HEADER_SIZE;
  g_strfreev (ts->forbid_add);
  g_strfreev (ts->forbid_delete);
  ts->forbid_add = ts_editheader_list (ts, "sieve_editheader_forbid_add");
  ts->forbid_delete = ts_editheader_list (ts, "sieve_editheader_forbid_delete");
  ts->ctx.editheader_forbid_add = (const char *const *) ts->forbid_add;
  ts->ctx.editheader_forbid_delete = (const char *const *) ts->forbid_delete;
}
