/*
 * ext-environment.c - the environment test (RFC 5183):
 *   environment [COMPARATOR] [MATCH-TYPE] <name> <key-list>
 *
 * Items come from PrdrSieveContext.environment; "name", "version",
 * "phase" ("during": the engine runs at SMTP time), "location" ("MTA",
 * the script runs in the MTA's milter) and "domain"/"host"
 * (this host's name) have defaults.  An item that is not defined makes the
 * test false (section 4.1).
 */
#include "sieve-private.h"

#include "commands.h"

/* prdr_sieve_environment_item - value of @name, or NULL */
static const char *
prdr_sieve_environment_item (const PrdrSieveContext *ctx, const char *name)
{
  const char *v = ctx->environment ? g_hash_table_lookup (ctx->environment, name) : NULL;

  if (v)
    return v;
  if (g_ascii_strcasecmp (name, "name") == 0)
    return "prdr-milter";
  if (g_ascii_strcasecmp (name, "version") == 0)
    return PRDR_VERSION;
  if (g_ascii_strcasecmp (name, "phase") == 0)
    return "during";
  if (g_ascii_strcasecmp (name, "location") == 0)
    return "MTA";                               /* evaluated by the MTA's milter */
  if (g_ascii_strcasecmp (name, "domain") == 0 || g_ascii_strcasecmp (name, "host") == 0)
    return g_get_host_name ();
  return NULL;
}

static PrdrSieveStatus
prdr_sieve_tst_environment_eval (PrdrSieveRun *run, const PrdrSieveNode *node,
                                 gboolean *result)
{
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 1));
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *lname = g_ascii_strdown (name, -1);
  const char *value = prdr_sieve_environment_item (run->ctx, lname);

  *result = FALSE;
  if (!value)
    return PRDR_SIEVE_STATUS_OK;
  g_ptr_array_add (values, g_strdup (value));
  return prdr_sieve_run_match (run, node, values, keys, result);
}

const PrdrSieveCommandDef prdr_sieve_tst_environment = {
  .name = "environment", .kind = PRDR_SIEVE_TEST, .signature = "sl",
  .flags = PRDR_SIEVE_FLAG_MATCH, .eval = prdr_sieve_tst_environment_eval,
};
