/*
 * ext-mailbox.c - the mailboxexists test (RFC 5490 section 3.1); the
 * fileinto :create tag lives with fileinto (cmd-actions.c).  Existence is
 * asked from the caller (PrdrSieveContext.mailbox_exists); without a
 * callback no mailbox is known to exist, as the RFC allows for a server
 * that cannot tell.
 */
#include "sieve-private.h"

#include "commands.h"

static PrdrSieveStatus
prdr_sieve_tst_mailboxexists_eval (PrdrSieveRun *run, const PrdrSieveNode *node,
                                   gboolean *result)
{
  g_autoptr (GPtrArray) names = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));

  *result = run->ctx->mailbox_exists != NULL;
  for (guint i = 0; i < names->len && *result; i++)
    *result = run->ctx->mailbox_exists (g_ptr_array_index (names, i), run->ctx->resolver_data);
  return PRDR_SIEVE_STATUS_OK;
}

const PrdrSieveCommandDef prdr_sieve_tst_mailboxexists = {
  .name = "mailboxexists", .kind = PRDR_SIEVE_TEST, .signature = "l",
  .eval = prdr_sieve_tst_mailboxexists_eval,
};
