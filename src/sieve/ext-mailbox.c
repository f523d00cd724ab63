/*
 * ext-mailbox.c - the mailboxexists test (RFC 5490 section 3.1); the
 * fileinto :create tag lives with fileinto (cmd-actions.c).
 *
 * INBOX exists for every user: it is where the implicit keep delivers
 * (RFC 5228 section 4.1), and IMAP names it case-insensitively (RFC 3501
 * section 5.1).  Any other mailbox is asked from the caller
 * (PrdrSieveContext.mailbox_exists); without a callback it is not known
 * to exist, as the RFC allows for a server that cannot tell.
 */
#include "sieve-private.h"

#include "commands.h"

static gboolean
prdr_sieve_mailbox_exists (PrdrSieveRun *run, const char *name)
{
  if (g_ascii_strcasecmp (name, "INBOX") == 0)
    return TRUE;
  return run->ctx->mailbox_exists
    && run->ctx->mailbox_exists (name, run->ctx->resolver_data);
}

static PrdrSieveStatus
prdr_sieve_tst_mailboxexists_eval (PrdrSieveRun *run, const PrdrSieveNode *node,
                                   gboolean *result)
{
  g_autoptr (GPtrArray) names = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));

  *result = TRUE;
  for (guint i = 0; i < names->len && *result; i++)
    *result = prdr_sieve_mailbox_exists (run, g_ptr_array_index (names, i));
  return PRDR_SIEVE_STATUS_OK;
}

const PrdrSieveCommandDef prdr_sieve_tst_mailboxexists = {
  .name = "mailboxexists", .kind = PRDR_SIEVE_TEST, .signature = "l",
  .eval = prdr_sieve_tst_mailboxexists_eval,
};
