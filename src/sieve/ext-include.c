/*
 * ext-include.c - include, return and global (RFC 6609).
 *
 *   prdr_sieve_validator_include
 *
 * Included scripts are fetched through the caller's script resolver and
 * compiled with the including script (so a run never touches storage) and
 * kept in the include node.  :optional tolerates a missing script; :once
 * runs a script at most once per run (by location and name), and an
 * include :once of a script that is being included is not compiled again
 * (section 3.2: it counts as included), while a plain include of it is a
 * "circular include" error.  Limits: include nesting
 * (limits.max_include_depth) and the number of included scripts per
 * compile (max_includes).  Each script has its own local variables; the
 * names it declares "global" share the run's global scope (section 3.4).
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

enum { PRDR_SIEVE_INC_PERSONAL = 1, PRDR_SIEVE_INC_GLOBAL, PRDR_SIEVE_INC_ONCE,
       PRDR_SIEVE_INC_OPTIONAL };

static const PrdrSieveTagDef prdr_sieve_include_tags[] = {
  { "personal", 0, 1, PRDR_SIEVE_INC_PERSONAL, NULL },
  { "global", 0, 1, PRDR_SIEVE_INC_GLOBAL, NULL },
  { "once", 0, 0, PRDR_SIEVE_INC_ONCE, NULL },
  { "optional", 0, 0, PRDR_SIEVE_INC_OPTIONAL, NULL },
  { NULL, 0, 0, 0, NULL },
};

typedef struct {
  PrdrSieveScript *script;     /* NULL: optional and missing */
  char *key;                   /* "location:name" for :once */
  gboolean once;
} PrdrSieveInclude;

static void
prdr_sieve_include_free (gpointer data)
{
  PrdrSieveInclude *inc = data;
  if (inc->script)
    prdr_sieve_script_unref (inc->script);
  g_free (inc->key);
  g_free (inc);
}

/* prdr_sieve_include_fetch - text of the script, or NULL (*missing when
 * the resolver says it does not exist) */
static char *
prdr_sieve_include_fetch (PrdrSieveValidator *v, const char *location, const char *name,
                          gsize *len, gboolean *missing)
{
  g_autoptr (GError) error = NULL;
  char *text;

  *missing = FALSE;
  if (!v->ctx->script_resolver)
    {
      *missing = TRUE;
      return NULL;
    }
  text = v->ctx->script_resolver (location, name, len, v->ctx->resolver_data, &error);
  if (!text)
    *missing = !error || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  return text;
}

/* prdr_sieve_include_compile - compile an included text with a nested
 * validator that shares the diagnostics and the include count */
static PrdrSieveScript *
prdr_sieve_include_compile (PrdrSieveValidator *v, const char *key, const char *name,
                            const char *text, gsize len)
{
  PrdrSieveIncludeLink link = { .key = key, .outer = v->include_chain };
  PrdrSieveValidator sub = { .ctx = v->ctx, .name = name, .diagnostics = v->diagnostics,
                             .include_depth = v->include_depth + 1,
                             .include_count = v->include_count, .include_chain = &link };
  PrdrSieveScript *script;

  sub.capabilities = g_ptr_array_new_with_free_func (g_free);
  sub.includes = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_script_unref);
  script = prdr_sieve_script_compile_with (&sub, text, len);
  v->errors += sub.errors;
  g_ptr_array_unref (sub.capabilities);
  g_ptr_array_unref (sub.includes);
  return script;
}

/* prdr_sieve_include_active - @key is a script being compiled around us */
static gboolean
prdr_sieve_include_active (const PrdrSieveValidator *v, const char *key)
{
  for (const PrdrSieveIncludeLink *l = v->include_chain; l; l = l->outer)
    if (strcmp (l->key, key) == 0)
      return TRUE;
  return FALSE;
}

gboolean
prdr_sieve_validator_include (PrdrSieveValidator *v, PrdrSieveNode *node, const char *location,
                              const char *name, gboolean optional, gboolean once)
{
  g_autofree char *text = NULL;
  PrdrSieveInclude *inc = g_new0 (PrdrSieveInclude, 1);
  gboolean missing;
  gsize len = 0;

  inc->key = g_strdup_printf ("%s:%s", location, name);
  inc->once = once;
  node->data = inc;
  node->data_free = prdr_sieve_include_free;
  /* RFC 6609 section 3.2: an include :once of a script being included is
   * no error; that script counts as included already, so it never runs.
   * Without :once it is a recursive inclusion, an error: included scripts
   * are fetched and compiled when the caller compiles the script for a
   * delivery, which is execution time for the RFC. */
  if (prdr_sieve_include_active (v, inc->key))
    {
      if (once)
        return TRUE;
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "circular include of %s script '%s'", location, name);
      return FALSE;
    }

  if (v->include_depth + 1 > v->ctx->limits.max_include_depth)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "include nesting deeper than %u (an include loop?)",
                                  v->ctx->limits.max_include_depth);
      return FALSE;
    }
  if (++*v->include_count > v->ctx->limits.max_includes)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "more than %u included scripts", v->ctx->limits.max_includes);
      return FALSE;
    }
  text = prdr_sieve_include_fetch (v, location, name, &len, &missing);
  if (!text && !(missing && optional))
    {
      prdr_sieve_validator_error (v, node->line, node->column, "included %s script '%s' %s",
                                  location, name, missing ? "does not exist" : "cannot be read");
      return FALSE;
    }
  if (!text)
    return TRUE;
  inc->script = prdr_sieve_include_compile (v, inc->key, name, text, len);
  if (!inc->script)
    prdr_sieve_validator_error (v, node->line, node->column,
                                "failed to compile included script '%s'", name);
  return inc->script != NULL;
}

static gboolean
prdr_sieve_cmd_include_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);
  const char *name = prdr_sieve_arg_string (arg);

  if (!*name || strchr (name, '/') || strstr (name, "${") || !g_utf8_validate (name, -1, NULL))
    {
      prdr_sieve_validator_error (v, arg->line, arg->column, "invalid script name '%s'", name);
      return FALSE;
    }
  return prdr_sieve_validator_include (v, node,
                                       prdr_sieve_node_tag (node, PRDR_SIEVE_INC_GLOBAL)
                                       ? "global" : "personal", name,
                                       prdr_sieve_node_tag (node, PRDR_SIEVE_INC_OPTIONAL) != NULL,
                                       prdr_sieve_node_tag (node, PRDR_SIEVE_INC_ONCE) != NULL);
}

static PrdrSieveStatus
prdr_sieve_cmd_include_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  const PrdrSieveInclude *inc = node->data;
  PrdrSieveStatus st;

  if (!inc->script)
    return PRDR_SIEVE_STATUS_OK;
  /* :once skips a script included before in this run, with or without
   * :once (RFC 6609 section 3.2: "at any other point") */
  if (inc->once && g_hash_table_contains (run->included_once, inc->key))
    return PRDR_SIEVE_STATUS_OK;
  g_hash_table_add (run->included_once, g_strdup (inc->key));
  if (run->include_depth >= run->ctx->limits.max_include_depth)
    return prdr_sieve_run_error (run, node, "include nesting too deep");
  run->include_depth++;
  st = prdr_sieve_run_script (run, inc->script);
  run->include_depth--;
  return st;
}

static PrdrSieveStatus
prdr_sieve_cmd_return_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  (void) run;
  (void) node;
  return PRDR_SIEVE_STATUS_RETURN;
}

static gboolean
prdr_sieve_cmd_global_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);

  if (!prdr_sieve_validator_has (v, "variables"))
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "global needs the variables extension");
      return FALSE;
    }
  for (guint i = 0; i < arg->strings->len; i++)
    if (!prdr_sieve_variable_name_valid (g_ptr_array_index (arg->strings, i)))
      {
        prdr_sieve_validator_error (v, arg->line, arg->column, "invalid variable name '%s'",
                                    (const char *) g_ptr_array_index (arg->strings, i));
        return FALSE;
      }
  return TRUE;
}

static PrdrSieveStatus
prdr_sieve_cmd_global_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);

  for (guint i = 0; i < arg->strings->len; i++)
    if (!prdr_sieve_var_declare_global (run, g_ptr_array_index (arg->strings, i)))
      return prdr_sieve_run_error (run, node, "variable '%s' was set before it was "
                                   "declared global",
                                   (const char *) g_ptr_array_index (arg->strings, i));
  return PRDR_SIEVE_STATUS_OK;
}

const PrdrSieveCommandDef prdr_sieve_cmd_include = {
  .name = "include", .kind = PRDR_SIEVE_COMMAND, .signature = "s",
  .tags = prdr_sieve_include_tags, .validate = prdr_sieve_cmd_include_validate,
  .exec = prdr_sieve_cmd_include_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_return = {
  .name = "return", .kind = PRDR_SIEVE_COMMAND, .exec = prdr_sieve_cmd_return_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_global = {
  .name = "global", .kind = PRDR_SIEVE_COMMAND, .signature = "l",
  .validate = prdr_sieve_cmd_global_validate, .exec = prdr_sieve_cmd_global_exec,
};
