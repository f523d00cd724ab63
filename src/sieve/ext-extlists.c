/*
 * ext-extlists.c - externally stored lists (RFC 6134): the valid_ext_list
 * test; the :list match type is in match.c.  Lists are looked up through
 * the caller's PrdrSieveContext.list_resolver; without one no list exists.
 */
#include "sieve-private.h"

#include "commands.h"

static PrdrSieveStatus
prdr_sieve_tst_valid_ext_list_eval (PrdrSieveRun *run, const PrdrSieveNode *node,
                                    gboolean *result)
{
  g_autoptr (GPtrArray) lists = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));

  *result = run->ctx->list_resolver != NULL && lists->len > 0;
  for (guint i = 0; i < lists->len && *result; i++)
    *result = run->ctx->list_resolver (g_ptr_array_index (lists, i), "",
                                       run->ctx->resolver_data) >= 0;
  return PRDR_SIEVE_STATUS_OK;
}

const PrdrSieveCommandDef prdr_sieve_tst_valid_ext_list = {
  .name = "valid_ext_list", .kind = PRDR_SIEVE_TEST, .signature = "l",
  .eval = prdr_sieve_tst_valid_ext_list_eval,
};
