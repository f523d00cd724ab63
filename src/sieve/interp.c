/*
 * interp.c - the interpreter: runs a compiled script against a message and
 * an envelope, collecting actions into a PrdrSieveResult.
 *
 *   prdr_sieve_script_run, prdr_sieve_run_init/_clear/_script/_block/_test,
 *   prdr_sieve_run_step/_error/_warning/_add_action/_header
 *
 * Each command and test costs a step, each comparison too (match.c); a
 * run stops with PRDR_SIEVE_ERROR_LIMIT past limits.max_steps.  Status is
 * the PrdrSieveStatus enum.  Action rules (RFC 5228 sections 2.10, 4;
 * RFC 5429 section 2.4): keep/fileinto/redirect without :copy, discard and
 * reject cancel the implicit keep; identical fileinto/redirect/keep are
 * merged; one reject only, and never with vacation, keep, fileinto or
 * redirect; limits on actions and redirects.
 */
#include "sieve-private.h"

#include <string.h>
#include "mail/addr-spec.h"

void
prdr_sieve_run_init (PrdrSieveRun *run, PrdrSieveMessage *msg,
                     const PrdrSieveEnvelope *envelope, const PrdrSieveContext *ctx)
{
  memset (run, 0, sizeof *run);
  run->msg = prdr_sieve_message_ref (msg);
  run->envelope_store = g_ptr_array_new_with_free_func (g_free);
  if (envelope)
    {
#define PRDR_SIEVE_KEEP_STR(f)                                               \
      run->envelope.f = envelope->f ? g_strdup (envelope->f) : NULL;         \
      if (run->envelope.f) g_ptr_array_add (run->envelope_store, (char *) run->envelope.f);
      PRDR_SIEVE_KEEP_STR (sender);
      PRDR_SIEVE_KEEP_STR (recipient);
      PRDR_SIEVE_KEEP_STR (orig_recipient);
      PRDR_SIEVE_KEEP_STR (auth_user);
#undef PRDR_SIEVE_KEEP_STR
    }
  run->ctx = ctx;
  run->result = prdr_sieve_result_new ();
  run->global = prdr_sieve_var_scope_new ();
  run->match_vars = g_ptr_array_new_with_free_func (g_free);
  run->flags = g_ptr_array_new_with_free_func (g_free);
  run->current_part = -1;
  run->included_once = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
prdr_sieve_run_clear (PrdrSieveRun *run)
{
  g_clear_pointer (&run->msg, prdr_sieve_message_unref);
  g_clear_pointer (&run->envelope_store, g_ptr_array_unref);
  g_clear_pointer (&run->result, prdr_sieve_result_free);
  g_clear_error (&run->error);
  g_clear_pointer (&run->global, prdr_sieve_var_scope_free);
  g_clear_pointer (&run->local, prdr_sieve_var_scope_free);
  g_clear_pointer (&run->match_vars, g_ptr_array_unref);
  g_clear_pointer (&run->flags, g_ptr_array_unref);
  g_clear_pointer (&run->edited_fields, g_ptr_array_unref);
  g_clear_pointer (&run->break_name, g_free);
  g_clear_pointer (&run->included_once, g_hash_table_unref);
}

static void
prdr_sieve_run_set_error (PrdrSieveRun *run, PrdrSieveErrorCode code,
                          const PrdrSieveNode *node, const char *msg)
{
  g_clear_error (&run->error);
  if (node)
    g_set_error (&run->error, PRDR_SIEVE_ERROR, code, "%s:%u: %s", node->script,
                 node->line, msg);
  else
    g_set_error_literal (&run->error, PRDR_SIEVE_ERROR, code, msg);
}

PrdrSieveStatus
prdr_sieve_run_error (PrdrSieveRun *run, const PrdrSieveNode *node, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  prdr_sieve_run_set_error (run, PRDR_SIEVE_ERROR_RUNTIME, node, msg);
  return PRDR_SIEVE_STATUS_ERROR;
}

void
prdr_sieve_run_warning (PrdrSieveRun *run, const PrdrSieveNode *node, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_ptr_array_add (run->result->warnings,
                   g_strdup_printf ("%s:%u: %s", node->script, node->line, msg));
}

PrdrSieveStatus
prdr_sieve_run_step (PrdrSieveRun *run, const PrdrSieveNode *node, guint64 steps)
{
  run->steps += steps;
  if (run->steps <= run->ctx->limits.max_steps)
    return PRDR_SIEVE_STATUS_OK;
  prdr_sieve_run_set_error (run, PRDR_SIEVE_ERROR_LIMIT, node,
                            "the script used more than its step budget");
  return PRDR_SIEVE_STATUS_ERROR;
}

PrdrSieveStatus
prdr_sieve_run_test (PrdrSieveRun *run, const PrdrSieveNode *test, gboolean *result)
{
  PrdrSieveStatus st = prdr_sieve_run_step (run, test, 1);

  *result = FALSE;
  if (st != PRDR_SIEVE_STATUS_OK)
    return st;
  if (!test->def || !test->def->eval)
    return prdr_sieve_run_error (run, test, "'%s' cannot be used as a test",
                                 test->identifier);
  return test->def->eval (run, test, result);
}

PrdrSieveStatus
prdr_sieve_run_block (PrdrSieveRun *run, GPtrArray *block)
{
  for (guint i = 0; block && i < block->len; i++)
    {
      const PrdrSieveNode *node = g_ptr_array_index (block, i);
      PrdrSieveStatus st = prdr_sieve_run_step (run, node, 1);
      if (st != PRDR_SIEVE_STATUS_OK)
        return st;
      if (!node->def || !node->def->exec)
        continue;   /* require, or a block that ihave left unvalidated */
      st = node->def->exec (run, node);
      if (st != PRDR_SIEVE_STATUS_OK)
        return st;
    }
  return PRDR_SIEVE_STATUS_OK;
}

PrdrSieveStatus
prdr_sieve_run_script (PrdrSieveRun *run, PrdrSieveScript *script)
{
  PrdrSieveScript *saved = run->script;
  PrdrSieveVarScope *saved_local = run->local;
  PrdrSieveStatus st;

  run->script = script;
  run->local = prdr_sieve_var_scope_new ();
  st = prdr_sieve_run_block (run, script->commands);
  prdr_sieve_var_scope_free (run->local);
  run->local = saved_local;
  run->script = saved;
  return st == PRDR_SIEVE_STATUS_RETURN ? PRDR_SIEVE_STATUS_OK : st;
}

GPtrArray *
prdr_sieve_run_header (PrdrSieveRun *run, const char *name, gboolean *owned)
{
  if (run->edited_fields)
    {
      *owned = TRUE;
      return prdr_sieve_header_values (run->edited_fields, name, TRUE);
    }
  *owned = FALSE;
  return prdr_sieve_message_header (run->msg, 0, name);
}

/* prdr_sieve_action_mailbox - the mailbox a keep or fileinto stores into:
 * keep files into the user's main mailbox, INBOX, whose name is
 * case-insensitive (RFC 3501 section 5.1), so fileinto "inbox" and keep
 * are one delivery (RFC 5228 section 2.10.3) */
static const char *
prdr_sieve_action_mailbox (const PrdrSieveAction *a)
{
  if (a->kind == PRDR_SIEVE_ACTION_KEEP
      || (a->kind == PRDR_SIEVE_ACTION_FILEINTO && g_ascii_strcasecmp (a->target, "INBOX") == 0))
    return "INBOX";
  return a->kind == PRDR_SIEVE_ACTION_FILEINTO ? a->target : NULL;
}

static gboolean
prdr_sieve_action_same (const PrdrSieveAction *a, const PrdrSieveAction *b)
{
  if (prdr_sieve_action_mailbox (a) && prdr_sieve_action_mailbox (b))
    return strcmp (prdr_sieve_action_mailbox (a), prdr_sieve_action_mailbox (b)) == 0;
  if (a->kind != b->kind)
    return FALSE;
  switch (a->kind)
    {
    case PRDR_SIEVE_ACTION_DISCARD:
      return TRUE;
    case PRDR_SIEVE_ACTION_REDIRECT:   /* same mailbox: "Sirius"@x is Sirius@x */
      return g_ascii_strcasecmp (a->target, b->target) == 0
        || prdr_mail_addr_spec_equal (a->target, b->target);
    default:
      return FALSE;
    }
}

static gboolean
prdr_sieve_action_delivers (PrdrSieveActionKind kind)
{
  return kind == PRDR_SIEVE_ACTION_KEEP || kind == PRDR_SIEVE_ACTION_FILEINTO
    || kind == PRDR_SIEVE_ACTION_REDIRECT;
}

static gboolean
prdr_sieve_action_rejects (PrdrSieveActionKind kind)
{
  return kind == PRDR_SIEVE_ACTION_REJECT || kind == PRDR_SIEVE_ACTION_EREJECT;
}

/* prdr_sieve_run_conflict - the RFC 5429 / 5230 incompatibilities */
static const char *
prdr_sieve_run_conflict (const PrdrSieveAction *old, const PrdrSieveAction *add)
{
  if (prdr_sieve_action_rejects (old->kind) && prdr_sieve_action_rejects (add->kind))
    return "more than one reject action";
  if ((prdr_sieve_action_rejects (old->kind)
       && (prdr_sieve_action_delivers (add->kind) || add->kind == PRDR_SIEVE_ACTION_VACATION))
      || (prdr_sieve_action_rejects (add->kind)
          && (prdr_sieve_action_delivers (old->kind)
              || old->kind == PRDR_SIEVE_ACTION_VACATION)))
    return "reject conflicts with an action that delivers or replies";
  if (old->kind == PRDR_SIEVE_ACTION_VACATION && add->kind == PRDR_SIEVE_ACTION_VACATION)
    return "more than one vacation action";
  return NULL;
}

/* prdr_sieve_run_merge - fold a duplicate into the earlier action; the
 * last flag list wins (RFC 5232 section 5), even an empty one */
static void
prdr_sieve_run_merge (PrdrSieveAction *old, PrdrSieveAction *add)
{
  if (add->kind == PRDR_SIEVE_ACTION_KEEP && old->kind == PRDR_SIEVE_ACTION_FILEINTO)
    {
      /* fileinto "INBOX" and keep: reported as the keep */
      old->kind = PRDR_SIEVE_ACTION_KEEP;
      g_clear_pointer (&old->target, g_free);
    }
  if (!add->copy)
    old->copy = FALSE;
  old->create |= add->create;
  g_strfreev (old->flags);
  old->flags = g_steal_pointer (&add->flags);
}

PrdrSieveStatus
prdr_sieve_run_add_action (PrdrSieveRun *run, const PrdrSieveNode *node,
                           PrdrSieveAction *action)
{
  PrdrSieveResult *res = run->result;
  guint redirects = 0;

  for (guint i = 0; i < res->actions->len; i++)
    {
      PrdrSieveAction *old = g_ptr_array_index (res->actions, i);
      const char *conflict = prdr_sieve_run_conflict (old, action);
      if (conflict)
        {
          prdr_sieve_action_free (action);
          return prdr_sieve_run_error (run, node, "%s", conflict);
        }
      if (prdr_sieve_action_same (old, action))
        {
          if (!action->copy && action->kind != PRDR_SIEVE_ACTION_DISCARD)
            res->implicit_keep = FALSE;
          prdr_sieve_run_merge (old, action);
          prdr_sieve_action_free (action);
          return PRDR_SIEVE_STATUS_OK;
        }
      redirects += old->kind == PRDR_SIEVE_ACTION_REDIRECT;
    }
  /* header edits are bounded by the header and the step budget, not by
   * the action limit */
  if ((res->actions->len >= run->ctx->limits.max_actions
       && action->kind != PRDR_SIEVE_ACTION_ADDHEADER
       && action->kind != PRDR_SIEVE_ACTION_DELETEHEADER)
      || (action->kind == PRDR_SIEVE_ACTION_REDIRECT
          && redirects >= run->ctx->limits.max_redirects))
    {
      gboolean redirect = action->kind == PRDR_SIEVE_ACTION_REDIRECT;
      prdr_sieve_action_free (action);
      prdr_sieve_run_set_error (run, PRDR_SIEVE_ERROR_LIMIT, node,
                                redirect ? "number of redirect actions exceeds policy limit"
                                : "total number of actions exceeds policy limit");
      return PRDR_SIEVE_STATUS_ERROR;
    }
  if ((prdr_sieve_action_delivers (action->kind) && !action->copy)
      || action->kind == PRDR_SIEVE_ACTION_DISCARD
      || prdr_sieve_action_rejects (action->kind))
    res->implicit_keep = FALSE;
  g_ptr_array_add (res->actions, action);
  return PRDR_SIEVE_STATUS_OK;
}

/* prdr_sieve_run_finish - flags of the implicit keep; discard drops out
 * of the list when something else already cancelled the keep */
static void
prdr_sieve_run_finish (PrdrSieveRun *run)
{
  PrdrSieveResult *res = run->result;

  if (res->implicit_keep && run->flags->len)
    {
      res->keep_flags = g_new0 (char *, run->flags->len + 1);
      for (guint i = 0; i < run->flags->len; i++)
        res->keep_flags[i] = g_strdup (g_ptr_array_index (run->flags, i));
    }
}

PrdrSieveResult *
prdr_sieve_script_run (PrdrSieveScript *script, PrdrSieveMessage *msg,
                       const PrdrSieveEnvelope *envelope, const PrdrSieveContext *ctx,
                       GError **error)
{
  PrdrSieveRun run;
  PrdrSieveStatus st;
  PrdrSieveResult *res;

  g_return_val_if_fail (script && msg && ctx, NULL);
  prdr_sieve_run_init (&run, msg, envelope, ctx);
  st = prdr_sieve_run_script (&run, script);
  if (st == PRDR_SIEVE_STATUS_ERROR || st == PRDR_SIEVE_STATUS_UNWIND)
    {
      if (!run.error)
        prdr_sieve_run_set_error (&run, PRDR_SIEVE_ERROR_RUNTIME, NULL,
                                  "the script was aborted");
      g_propagate_error (error, g_steal_pointer (&run.error));
      prdr_sieve_run_clear (&run);
      return NULL;
    }
  prdr_sieve_run_finish (&run);
  res = g_steal_pointer (&run.result);
  prdr_sieve_run_clear (&run);
  return res;
}
