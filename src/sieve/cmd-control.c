/*
 * cmd-control.c - control commands of RFC 5228 section 3: require, if,
 * elsif, else, stop.
 *
 * require is checked by its validate hook (known capability, constant
 * strings), and once all are read, by prdr_sieve_require_check_needs
 * (an extension's needed companions); it does nothing at run time.  if/elsif/else chain through
 * run->branch_taken, set after the branch's block ran, so nested ifs do
 * not disturb the chain.
 */
#include "sieve-private.h"

#include "commands.h"

/* require <capabilities: string-list> */
static gboolean
prdr_sieve_cmd_require_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);
  gboolean ok = TRUE;

  for (guint i = 0; i < arg->strings->len; i++)
    {
      const char *cap = g_ptr_array_index (arg->strings, i);
      const PrdrSieveExtension *ext = prdr_sieve_extension_find (v->ctx, cap);
      if (!ext)
        {
          prdr_sieve_validator_error (v, arg->line, arg->column,
                                      "unknown Sieve capability '%s'", cap);
          ok = FALSE;
          continue;
        }
      if (!prdr_sieve_validator_has (v, ext->name))
        g_ptr_array_add (v->capabilities, g_strdup (ext->name));
      for (const char *const *imp = ext->implies; imp && *imp; imp++)
        if (!prdr_sieve_validator_has (v, *imp))
          g_ptr_array_add (v->capabilities, g_strdup (*imp));
    }
  return ok;
}

gboolean
prdr_sieve_require_check_needs (PrdrSieveValidator *v, GPtrArray *commands)
{
  gboolean ok = TRUE;

  for (guint c = 0; commands && c < commands->len; c++)
    {
      PrdrSieveNode *node = g_ptr_array_index (commands, c);
      PrdrSieveArg *arg;
      if (node->def != &prdr_sieve_cmd_require)
        continue;
      arg = prdr_sieve_node_arg (node, 0);
      for (guint i = 0; i < arg->strings->len; i++)
        {
          const PrdrSieveExtension *ext = prdr_sieve_extension_find (
            v->ctx, g_ptr_array_index (arg->strings, i));
          for (const char *const *need = ext ? ext->needs : NULL; need && *need; need++)
            if (!prdr_sieve_validator_has (v, *need))
              {
                prdr_sieve_validator_error (v, arg->line, arg->column,
                                            "the %s extension cannot be used without the %s "
                                            "extension", ext->name, *need);
                ok = FALSE;
              }
        }
    }
  return ok;
}

static PrdrSieveStatus
prdr_sieve_cmd_if_branch (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  gboolean taken = FALSE;
  PrdrSieveStatus st = prdr_sieve_run_test (run, g_ptr_array_index (node->tests, 0), &taken);

  if (st != PRDR_SIEVE_STATUS_OK)
    return st;
  if (taken)
    st = prdr_sieve_run_block (run, node->block);
  run->branch_taken = taken;
  return st;
}

static PrdrSieveStatus
prdr_sieve_cmd_if_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  return prdr_sieve_cmd_if_branch (run, node);
}

static PrdrSieveStatus
prdr_sieve_cmd_elsif_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  if (run->branch_taken)
    return PRDR_SIEVE_STATUS_OK;
  return prdr_sieve_cmd_if_branch (run, node);
}

static PrdrSieveStatus
prdr_sieve_cmd_else_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  PrdrSieveStatus st = PRDR_SIEVE_STATUS_OK;

  if (!run->branch_taken)
    st = prdr_sieve_run_block (run, node->block);
  run->branch_taken = TRUE;
  return st;
}

static PrdrSieveStatus
prdr_sieve_cmd_stop_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  (void) run;
  (void) node;
  return PRDR_SIEVE_STATUS_STOP;
}

const PrdrSieveCommandDef prdr_sieve_cmd_require = {
  .name = "require", .kind = PRDR_SIEVE_COMMAND, .signature = "l",
  .flags = PRDR_SIEVE_FLAG_TOPLEVEL, .validate = prdr_sieve_cmd_require_validate,
};
const PrdrSieveCommandDef prdr_sieve_cmd_if = {
  .name = "if", .kind = PRDR_SIEVE_COMMAND,
  .flags = PRDR_SIEVE_FLAG_TEST | PRDR_SIEVE_FLAG_BLOCK, .exec = prdr_sieve_cmd_if_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_elsif = {
  .name = "elsif", .kind = PRDR_SIEVE_COMMAND,
  .flags = PRDR_SIEVE_FLAG_TEST | PRDR_SIEVE_FLAG_BLOCK, .exec = prdr_sieve_cmd_elsif_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_else = {
  .name = "else", .kind = PRDR_SIEVE_COMMAND, .flags = PRDR_SIEVE_FLAG_BLOCK,
  .exec = prdr_sieve_cmd_else_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_stop = {
  .name = "stop", .kind = PRDR_SIEVE_COMMAND, .exec = prdr_sieve_cmd_stop_exec,
};
