/*
 * sequence.c - several scripts run one after another for one delivery, as
 * an administrator's scripts before (and after) the user's own; Pigeonhole
 * calls this sieve_before/sieve_after.
 *
 *   prdr_sieve_scripts_run
 *
 * Each script is an execution of its own: its own variables, global ones
 * included (RFC 6609 section 3.4), its own include :once record (section
 * 3.2), its own match variables and step budget, and its own implicit keep;
 * "stop" and "return" end that script only.  The delivery is shared: one
 * result, in which duplicates collapse across scripts (RFC 5228 section
 * 2.10.3: keep and fileinto "INBOX" of two scripts store once), and the
 * imap4flags internal variable and the header edits carry over.  The next
 * script runs only while the message is still kept: the implicit keep is
 * in effect, or the script ran keep.  A later script's action that
 * conflicts with an earlier script's is no error, as that decision is made
 * (RFC 5228 section 2.10.6 cannot undo it), except that a second reject
 * is dropped: the sender gets one.  A runtime error in any script fails
 * the whole run, like a single script's (the caller keeps the message).
 * An explicit keep of an earlier script makes a final implicit keep
 * redundant.
 */
#include "sieve-private.h"

/* prdr_sieve_sequence_restart - per-execution state for the next script */
static void
prdr_sieve_sequence_restart (PrdrSieveRun *run)
{
  prdr_sieve_var_scope_free (run->global);
  run->global = prdr_sieve_var_scope_new ();
  g_hash_table_remove_all (run->included_once);
  g_ptr_array_set_size (run->match_vars, 0);
  run->steps = 0;
  run->committed = run->result->actions->len;
  run->kept = FALSE;
  run->result->implicit_keep = TRUE;
}

/* prdr_sieve_sequence_kept - an explicit keep is in the result */
static gboolean
prdr_sieve_sequence_kept (const PrdrSieveResult *res)
{
  for (guint i = 0; i < res->actions->len; i++)
    if (((const PrdrSieveAction *) g_ptr_array_index (res->actions, i))->kind
        == PRDR_SIEVE_ACTION_KEEP)
      return TRUE;
  return FALSE;
}

PrdrSieveResult *
prdr_sieve_scripts_run (PrdrSieveScript *const *scripts, guint n_scripts,
                        PrdrSieveMessage *msg, const PrdrSieveEnvelope *envelope,
                        const PrdrSieveContext *ctx, GError **error)
{
  PrdrSieveRun run;
  gboolean failed = FALSE;

  g_return_val_if_fail ((scripts || n_scripts == 0) && msg && ctx, NULL);
  prdr_sieve_run_init (&run, msg, envelope, ctx);
  for (guint i = 0; i < n_scripts && !failed; i++)
    {
      if (i > 0 && !run.result->implicit_keep && !run.kept)
        break;
      prdr_sieve_sequence_restart (&run);
      failed = prdr_sieve_run_failed (&run, prdr_sieve_run_script (&run, scripts[i]));
    }
  if (!failed && run.result->implicit_keep && prdr_sieve_sequence_kept (run.result))
    run.result->implicit_keep = FALSE;
  return prdr_sieve_run_end (&run, failed, error);
}
