/*
 * ext-reject.c - reject and ereject (RFC 5429): refuse the message with a
 * reason.  The caller decides how (ereject: at the SMTP level; reject: at
 * SMTP time too in a milter, else by a DSN/MDN).  Both cancel the implicit
 * keep; the conflicts (one reject only, none with vacation or delivery)
 * are checked where actions are added (interp.c).
 */
#include "sieve-private.h"

#include "commands.h"

static PrdrSieveStatus
prdr_sieve_cmd_reject_any (PrdrSieveRun *run, const PrdrSieveNode *node,
                           PrdrSieveActionKind kind)
{
  PrdrSieveAction *a = prdr_sieve_action_new (kind);
  a->text = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  if (!g_utf8_validate (a->text, -1, NULL))
    {
      prdr_sieve_action_free (a);
      return prdr_sieve_run_error (run, node, "the reject reason is not valid UTF-8");
    }
  return prdr_sieve_run_add_action (run, node, a);
}

static PrdrSieveStatus
prdr_sieve_cmd_reject_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  return prdr_sieve_cmd_reject_any (run, node, PRDR_SIEVE_ACTION_REJECT);
}

static PrdrSieveStatus
prdr_sieve_cmd_ereject_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  return prdr_sieve_cmd_reject_any (run, node, PRDR_SIEVE_ACTION_EREJECT);
}

const PrdrSieveCommandDef prdr_sieve_cmd_reject = {
  .name = "reject", .kind = PRDR_SIEVE_COMMAND, .signature = "s",
  .exec = prdr_sieve_cmd_reject_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_ereject = {
  .name = "ereject", .kind = PRDR_SIEVE_COMMAND, .signature = "s",
  .exec = prdr_sieve_cmd_ereject_exec,
};
