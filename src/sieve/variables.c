/*
 * variables.c - variable storage and "${...}" substitution (RFC 5229).
 *
 *   prdr_sieve_var_scope_new/_free, prdr_sieve_var_set/_get,
 *   prdr_sieve_run_expand, prdr_sieve_run_strings/_string,
 *   prdr_sieve_variable_name_valid, prdr_sieve_run_set_match_vars
 *
 * Names are case-insensitive; "${1}" are match variables (section 3.2);
 * a name is local to the running script unless that script declared it
 * with "global", or it is written "global.name" in a script that requires
 * include (RFC 6609 sections 3.4, 3.5); other
 * "${ns.name}" ask the run's namespace hook; a reference that is not
 * well formed stays as written; an unknown variable is "".  Substitution
 * happens only in scripts that require "variables".  Limits: a value is cut
 * at limits.max_variable_size (on a UTF-8 boundary, as section 3 allows),
 * an expanded string at limits.max_string_size, a scope holds at most
 * limits.max_variables.
 */
#include "sieve-private.h"

#include <string.h>

static void
prdr_sieve_gstring_free (gpointer s)
{
  g_string_free (s, TRUE);
}

PrdrSieveVarScope *
prdr_sieve_var_scope_new (void)
{
  PrdrSieveVarScope *scope = g_new0 (PrdrSieveVarScope, 1);
  scope->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         prdr_sieve_gstring_free);
  scope->globals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return scope;
}

void
prdr_sieve_var_scope_free (PrdrSieveVarScope *scope)
{
  if (!scope)
    return;
  g_hash_table_unref (scope->values);
  g_hash_table_unref (scope->globals);
  g_free (scope);
}

gboolean
prdr_sieve_variable_name_valid (const char *name)
{
  if (!name || !(g_ascii_isalpha (*name) || *name == '_'))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_'))
      return FALSE;
  return strlen (name) <= PRDR_SIEVE_MAX_VARIABLE_NAME;
}

gboolean
prdr_sieve_variable_global_name (const char *name)
{
  return g_ascii_strncasecmp (name, "global.", 7) == 0
    && prdr_sieve_variable_name_valid (name + 7);
}

/* prdr_sieve_var_scope_for - the scope of @name and, in *lname, its
 * lower-case name there: "global.x" and names the running script declared
 * global are in the global scope, the rest are the script's own */
static PrdrSieveVarScope *
prdr_sieve_var_scope_for (PrdrSieveRun *run, const char *name, char **lname)
{
  if (prdr_sieve_variable_global_name (name)
      && prdr_sieve_script_requires (run->script, "include"))
    {
      *lname = g_ascii_strdown (name + 7, -1);
      return run->global;
    }
  *lname = g_ascii_strdown (name, -1);
  if (!run->local || g_hash_table_contains (run->local->globals, *lname))
    return run->global;
  return run->local;
}

gboolean
prdr_sieve_var_declare_global (PrdrSieveRun *run, const char *name)
{
  char *lname = g_ascii_strdown (name, -1);

  /* RFC 6609 section 3.4.1: not a name the script already set locally */
  if (run->local && g_hash_table_contains (run->local->values, lname))
    {
      g_free (lname);
      return FALSE;
    }
  if (run->local)
    g_hash_table_add (run->local->globals, lname);
  else
    g_free (lname);
  return TRUE;
}

/* prdr_sieve_utf8_cut - longest prefix of at most @max octets that does
 * not split a UTF-8 character */
static gsize
prdr_sieve_utf8_cut (const char *s, gsize len, gsize max)
{
  if (len <= max)
    return len;
  while (max > 0 && ((guchar) s[max] & 0xC0) == 0x80)
    max--;
  return max;
}

gboolean
prdr_sieve_var_set (PrdrSieveRun *run, const char *name, const char *value)
{
  g_autofree char *lname = NULL;
  PrdrSieveVarScope *scope = prdr_sieve_var_scope_for (run, name, &lname);
  GString *str = g_hash_table_lookup (scope->values, lname);
  gsize len = strlen (value);

  if (!str)
    {
      if (g_hash_table_size (scope->values) >= run->ctx->limits.max_variables)
        return FALSE;
      str = g_string_new (NULL);
      g_hash_table_insert (scope->values, g_steal_pointer (&lname), str);
    }
  g_string_truncate (str, 0);
  g_string_append_len (str, value,
                       prdr_sieve_utf8_cut (value, len, run->ctx->limits.max_variable_size));
  return TRUE;
}

const char *
prdr_sieve_var_get (PrdrSieveRun *run, const char *name)
{
  g_autofree char *lname = NULL;
  PrdrSieveVarScope *scope = prdr_sieve_var_scope_for (run, name, &lname);
  GString *str = g_hash_table_lookup (scope->values, lname);
  return str ? str->str : NULL;
}

void
prdr_sieve_run_set_match_vars (PrdrSieveRun *run, GPtrArray *vars)
{
  g_ptr_array_set_size (run->match_vars, 0);
  for (guint i = 0; i < vars->len && i < PRDR_SIEVE_MAX_MATCH_VARIABLES; i++)
    g_ptr_array_add (run->match_vars, g_strdup (g_ptr_array_index (vars, i)));
}

/* prdr_sieve_run_lookup - value of the reference inside "${...}", or NULL
 * when it is not a well-formed reference (then it stays literal) */
static const char *
prdr_sieve_run_lookup (PrdrSieveRun *run, const char *ref)
{
  const char *dot;

  if (g_ascii_isdigit (ref[0]))
    {
      guint64 n = 0;
      for (const char *p = ref; *p; p++)
        {
          if (!g_ascii_isdigit (*p))
            return NULL;
          n = MIN (n * 10 + (*p - '0'), 1000u);
        }
      return n < run->match_vars->len ? g_ptr_array_index (run->match_vars, n) : "";
    }
  dot = strchr (ref, '.');
  if (dot)
    {
      const char *v;
      g_autofree char *ns = g_strndup (ref, dot - ref);
      if (!prdr_sieve_variable_name_valid (ns))
        return NULL;
      for (const char *p = dot + 1; *p; p++)
        if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '.'))
          return NULL;
      if (prdr_sieve_variable_global_name (ref)
          && prdr_sieve_script_requires (run->script, "include"))
        v = prdr_sieve_var_get (run, ref);
      else
        v = run->namespace_lookup ? run->namespace_lookup (run, ref) : NULL;
      return v ? v : "";
    }
  if (!prdr_sieve_variable_name_valid (ref))
    return NULL;
  const char *v = prdr_sieve_var_get (run, ref);
  return v ? v : "";
}

char *
prdr_sieve_run_expand (PrdrSieveRun *run, const char *s)
{
  GString *out;
  gsize max = run->ctx->limits.max_string_size;

  if (!strstr (s, "${") || !prdr_sieve_script_requires (run->script, "variables"))
    return g_strdup (s);
  out = g_string_new (NULL);
  while (*s)
    {
      const char *open = strstr (s, "${"), *close;
      if (!open)
        {
          g_string_append (out, s);
          break;
        }
      g_string_append_len (out, s, open - s);
      close = strchr (open + 2, '}');
      if (!close || close - open - 2 > PRDR_SIEVE_MAX_IDENTIFIER * 2)
        {
          g_string_append (out, "${");
          s = open + 2;
          continue;
        }
      g_autofree char *ref = g_strndup (open + 2, close - open - 2);
      const char *value = prdr_sieve_run_lookup (run, ref);
      if (!value)
        {
          g_string_append (out, "${");
          s = open + 2;
          continue;
        }
      g_string_append (out, value);
      s = close + 1;
      if (out->len > max)
        break;
    }
  if (out->len > max)
    g_string_truncate (out, prdr_sieve_utf8_cut (out->str, out->len, max));
  return g_string_free (out, FALSE);
}

GPtrArray *
prdr_sieve_run_strings (PrdrSieveRun *run, const PrdrSieveArg *arg)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; arg && arg->strings && i < arg->strings->len; i++)
    g_ptr_array_add (out, prdr_sieve_run_expand (run, g_ptr_array_index (arg->strings, i)));
  return out;
}

char *
prdr_sieve_run_string (PrdrSieveRun *run, const PrdrSieveArg *arg)
{
  return prdr_sieve_run_expand (run, prdr_sieve_arg_string (arg));
}

char *
prdr_sieve_run_tag_string (PrdrSieveRun *run, const PrdrSieveNode *node, int id)
{
  const PrdrSieveTagUse *use = prdr_sieve_node_tag (node, id);
  return use ? prdr_sieve_run_string (run, use->param) : NULL;
}
