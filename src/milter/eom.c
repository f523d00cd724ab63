/*
 * eom.c - the end of the message: the engine evaluates the matrix, the
 * bounce mode (bounce.c) turns the recipients' outcomes into one answer,
 * and this file carries it out through libmilter: the reply, dropped and
 * redirected recipients (smfi_delrcpt, smfi_addrcpt), added headers
 * (smfi_addheader) and recipients added by modules, then (ndr,
 * pseudo-delayed) the DSN for the dropped rejecting recipients.
 * pseudo-delayed's own end of message is in pseudo-eom.c.
 *
 * A modification libmilter refuses makes the whole message tempfail: a
 * recipient we failed to drop must not get a copy it refused.
 */
#include <string.h>

#include "bounce-ndr.h"
#include "callbacks.h"
#include "eom.h"
#include "error.h"
#include "log.h"

/* The reply when the message could not be spooled or modified. */
#define PRDR_MILTER_LOCAL_ERROR_CODE "451"
#define PRDR_MILTER_LOCAL_ERROR_ENHANCED "4.3.0"
#define PRDR_MILTER_SPOOL_ERROR_TEXT "Cannot store the message for filtering: try again later"
#define PRDR_MILTER_MODIFY_ERROR_TEXT "Cannot change the recipients: try again later"
/* The reply when the message is beyond the spool's limits (engine limits.h). */
#define PRDR_MILTER_LIMIT_CODE "552"
#define PRDR_MILTER_LIMIT_ENHANCED "5.3.4"
#define PRDR_MILTER_LIMIT_TEXT "Message too big or headers too large for the filter"

/* prdr_milter_eom_rcpt_arg - the RCPT argument as the MTA sent it. */
static char *
prdr_milter_eom_rcpt_arg (const PrdrMilterSession *session, const char *address)
{
  const char *arg = g_hash_table_lookup (session->rcpt_args, address);

  return arg ? g_strdup (arg) : g_strdup_printf ("<%s>", address);
}

/* prdr_milter_eom_fates - drop and redirect recipients as the bounce mode
 * said.  FALSE when libmilter refused a change. */
static gboolean
prdr_milter_eom_fates (SMFICTX *ctx, const PrdrMilterSession *session,
                       const PrdrOutcome *outcomes, const PrdrMilterFate *fates)
{
  PrdrTransaction *txn = session->txn;

  for (guint i = 0; i < prdr_transaction_recipient_count (txn); i++)
    {
      const char *address = prdr_recipient_address (prdr_transaction_recipient (txn, i));
      const char *deliver_to = outcomes[i].deliver_to;

      if (fates[i] == PRDR_MILTER_FATE_KEEP
          || (fates[i] == PRDR_MILTER_FATE_REDIRECT && strcmp (deliver_to, address) == 0))
        continue;
      g_autofree char *arg = prdr_milter_eom_rcpt_arg (session, address);
      if (smfi_delrcpt (ctx, arg) != MI_SUCCESS)
        return FALSE;
      if (fates[i] == PRDR_MILTER_FATE_REDIRECT)
        {
          g_autofree char *to = g_strdup_printf ("<%s>", deliver_to);
          if (smfi_addrcpt (ctx, to) != MI_SUCCESS)
            return FALSE;
        }
      prdr_transaction_log (txn, G_LOG_LEVEL_INFO, "rcpt=%s removed%s%s", address,
                            deliver_to && fates[i] == PRDR_MILTER_FATE_REDIRECT
                              ? ", delivered to " : "",
                            fates[i] == PRDR_MILTER_FATE_REDIRECT ? deliver_to : "");
    }
  return TRUE;
}

/* prdr_milter_eom_actions - headers and recipients the cells asked for. */
static gboolean
prdr_milter_eom_actions (SMFICTX *ctx, PrdrTransaction *txn)
{
  for (guint i = 0; i < prdr_transaction_added_header_count (txn); i++)
    {
      const char *name, *value;
      prdr_transaction_added_header (txn, i, &name, &value);
      if (smfi_addheader (ctx, (char *) name, (char *) value) != MI_SUCCESS)
        return FALSE;
    }
  for (guint i = 0; i < prdr_transaction_added_recipient_count (txn); i++)
    {
      g_autofree char *to = g_strdup_printf ("<%s>", prdr_transaction_added_recipient (txn, i));
      if (smfi_addrcpt (ctx, to) != MI_SUCCESS)
        return FALSE;
    }
  return TRUE;
}

/* prdr_milter_eom_tempfail - a change was refused or the DSN could not be
 * sent: nobody gets a copy now, the retry decides again. */
static sfsistat
prdr_milter_eom_tempfail (SMFICTX *ctx, PrdrMilterSession *session,
                          const PrdrMilterEomPlan *plan, const char *why)
{
  prdr_transaction_log (session->txn, G_LOG_LEVEL_WARNING, "%s: tempfail", why);
  if (plan->undo != NULL)
    plan->undo (session, plan);
  return prdr_milter_reply_literal (ctx, PRDR_MILTER_LOCAL_ERROR_CODE,
                                    PRDR_MILTER_LOCAL_ERROR_ENHANCED,
                                    PRDR_MILTER_MODIFY_ERROR_TEXT);
}

/* prdr_milter_eom_accept - carry out an accepting answer. */
static sfsistat
prdr_milter_eom_accept (SMFICTX *ctx, PrdrMilterSession *session,
                        const PrdrMilterEomPlan *plan)
{
  g_autoptr (GError) error = NULL;

  if (!prdr_milter_eom_fates (ctx, session, plan->outcomes, plan->fates)
      || !prdr_milter_eom_actions (ctx, session->txn)
      || (plan->extra != NULL && !plan->extra (ctx, session, plan)))
    return prdr_milter_eom_tempfail (ctx, session, plan,
                                     "libmilter refused a change of recipients or headers");
  if (plan->dsn
      && !prdr_milter_ndr_send (session, prdr_milter_callbacks_context ()->sendmail,
                                plan->outcomes, &error))
    {
      g_autofree char *why = g_strdup_printf ("cannot send the DSN: %s", error->message);
      return prdr_milter_eom_tempfail (ctx, session, plan, why);
    }
  return SMFIS_CONTINUE;
}

/* prdr_milter_eom_reject - the rejection, after the copies that
 * deliver-and-reject recipients want. */
static sfsistat
prdr_milter_eom_reject (SMFICTX *ctx, PrdrMilterSession *session,
                        const PrdrMilterEomPlan *plan)
{
  g_autoptr (GError) error = NULL;

  if (!prdr_milter_junk_send (session, prdr_milter_callbacks_context ()->sendmail,
                              plan->outcomes, &error))
    {
      g_autofree char *why = g_strdup_printf ("cannot deliver the deliver-and-reject copies: "
                                              "%s", error->message);
      return prdr_milter_eom_tempfail (ctx, session, plan, why);
    }
  return prdr_milter_ndr_reject (ctx, session, plan->outcomes, plan->answer.reply);
}

sfsistat
prdr_milter_eom_carry_out (SMFICTX *ctx, PrdrMilterSession *session,
                           const PrdrMilterEomPlan *plan)
{
  const PrdrMilterEomAnswer *answer = &plan->answer;

  prdr_transaction_log (session->txn, G_LOG_LEVEL_INFO,
                        "bounce-mode=%s recipients=%u verdict=%s%s",
                        prdr_milter_bounce_mode_name (prdr_milter_callbacks_context ()->mode),
                        prdr_transaction_recipient_count (session->txn),
                        prdr_verdict_kind_name (answer->verdict),
                        answer->mixed ? " (the recipients' outcomes differ although their "
                                        "classes agreed: tempfail all)" : "");
  switch (answer->verdict)
    {
    case PRDR_VERDICT_REJECT:
      return prdr_milter_eom_reject (ctx, session, plan);
    case PRDR_VERDICT_TEMPFAIL:
      if (plan->undo != NULL)
        plan->undo (session, plan);
      if (answer->mixed)
        return prdr_milter_reply_literal (ctx, PRDR_MILTER_MIXED_CODE,
                                          PRDR_MILTER_MIXED_ENHANCED, PRDR_MILTER_MIXED_TEXT);
      return prdr_milter_reply (ctx, answer->reply, SMFIS_TEMPFAIL);
    case PRDR_VERDICT_DISCARD:
      return SMFIS_DISCARD;
    case PRDR_VERDICT_CONTINUE:
    case PRDR_VERDICT_ACCEPT:
      break;
    }
  return prdr_milter_eom_accept (ctx, session, plan);
}

PrdrOutcome *
prdr_milter_eom_outcomes (PrdrTransaction *txn)
{
  guint count = prdr_transaction_recipient_count (txn);
  PrdrOutcome *outcomes = g_new0 (PrdrOutcome, count + 1);

  for (guint i = 0; i < count; i++)
    outcomes[i] = prdr_transaction_outcome (txn, prdr_transaction_recipient (txn, i));
  return outcomes;
}

sfsistat
prdr_milter_eom_simple (SMFICTX *ctx, PrdrMilterSession *session, PrdrMilterBounceMode mode)
{
  PrdrTransaction *txn = session->txn;

  prdr_transaction_evaluate_eom (txn, FALSE);
  guint count = prdr_transaction_recipient_count (txn);
  g_autofree PrdrOutcome *outcomes = prdr_milter_eom_outcomes (txn);
  g_autofree PrdrMilterFate *fates = g_new0 (PrdrMilterFate, count + 1);
  PrdrMilterEomPlan plan = {
    .answer = prdr_milter_bounce_eom (mode, outcomes, count, fates),
    .outcomes = outcomes,
    .fates = fates,
    .dsn = mode == PRDR_MILTER_BOUNCE_NDR,
  };
  return prdr_milter_eom_carry_out (ctx, session, &plan);
}

/* prdr_milter_eom_decide - evaluate the matrix and answer. */
static sfsistat
prdr_milter_eom_decide (SMFICTX *ctx, PrdrMilterSession *session)
{
  PrdrMilterBounceMode mode = prdr_milter_callbacks_context ()->mode;

  if (mode == PRDR_MILTER_BOUNCE_PSEUDO_DELAYED)
    return prdr_milter_pseudo_eom (ctx, session);
  return prdr_milter_eom_simple (ctx, session, mode);
}

sfsistat
prdr_milter_eom (SMFICTX *ctx)
{
  PrdrMilterSession *session = prdr_milter_session_get (ctx);
  g_autoptr (GError) error = NULL;
  sfsistat status;

  prdr_milter_macros_copy (ctx, session);
  if (session->txn == NULL)
    return prdr_milter_reply_literal (ctx, PRDR_MILTER_LOCAL_ERROR_CODE,
                                      PRDR_MILTER_LOCAL_ERROR_ENHANCED,
                                      "No transaction in progress: try again");
  if (session->spool_error == NULL && !prdr_transaction_spool_end (session->txn, &error))
    prdr_milter_spool_failed (session, &error);
  if (g_error_matches (session->spool_error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT))
    status = prdr_milter_reply_literal (ctx, PRDR_MILTER_LIMIT_CODE, PRDR_MILTER_LIMIT_ENHANCED,
                                        PRDR_MILTER_LIMIT_TEXT);
  else if (session->spool_error != NULL)
    status = prdr_milter_reply_literal (ctx, PRDR_MILTER_LOCAL_ERROR_CODE,
                                        PRDR_MILTER_LOCAL_ERROR_ENHANCED,
                                        PRDR_MILTER_SPOOL_ERROR_TEXT);
  else
    status = prdr_milter_eom_decide (ctx, session);
  prdr_milter_session_reset_transaction (session);
  return status;
}
