/*
 * pseudo-eom.c - the end of message in the bounce mode pseudo-delayed,
 * carried out with the table "pseudo-delayed" and libmilter (the decisions
 * themselves are pure functions in pseudo-delayed.c).
 *
 *  1. No usable Message-ID (none, or one the MTA added for this very
 *     transaction, prdr_milter_pseudo_id_made_here): answer as delayed (the 452'd recipients are
 *     decided on the client's retry).
 *  2. The modules decide for every recipient, those answered 452 included.
 *  3. The recipients of this transaction (the rows that got 250): what the
 *     table holds for them wins -- delivered earlier: accepted without a
 *     second copy (smfi_delrcpt; the message is discarded when nobody is
 *     left); rejected earlier: rejected with the stored reply.  The answer
 *     then follows ndr's rules: any tempfail tempfails all; all reject:
 *     one (multi-line) rejection; a mix of rejects and accepts (a retry
 *     holding a stored rejection and a recipient accepted now, or modules
 *     that broke their class-key promise) is accepted for the accepted ones
 *     and the rejected ones are told in one DSN.  That keeps the invariant
 *     where a tempfail of all would have the client retry into the same mix
 *     until the stored outcome expired.
 *  4. The recipients answered 452: prdr_milter_pseudo_deferred_action().
 *     Outcomes are stored with prdr_table_insert_if_absent(): when two
 *     transactions (two MX hosts on one PostgreSQL table) race for one
 *     recipient, one stores and delivers, the other adds nobody.
 *  5. When the transaction ends in a tempfail after all (libmilter refused
 *     a change, the DSN could not be sent) the "delivered" rows stored in
 *     4 are removed again: nothing was delivered.
 *
 * A table that cannot be read for a recipient of this transaction
 * tempfails the message (we cannot know whether it was delivered); one
 * that cannot be read or written for a 452'd recipient leaves it for its
 * retry.
 */
#include <string.h>

#include "bounce-ndr.h"
#include "callbacks.h"
#include "eom.h"
#include "limits.h"
#include "log.h"
#include "pseudo-delayed.h"

#define PRDR_MILTER_PSEUDO_TABLE_ERROR_TEXT \
  "Cannot read the state of earlier attempts: try again later"

/* An address to add, with its RCPT parameters ("" for none). */
typedef struct {
  char *address;
  char *params;
} PrdrMilterPseudoAdd;

typedef struct {
  PrdrTable *table;
  gint64 expires;
  GPtrArray *claims;       /* keys whose "delivered" we inserted */
  GArray *adds;            /* PrdrMilterPseudoAdd */
} PrdrMilterPseudo;

static void
prdr_milter_pseudo_add_clear (gpointer data)
{
  PrdrMilterPseudoAdd *add = data;
  g_free (add->address);
  g_free (add->params);
}

/* prdr_milter_pseudo_lookup - what the table holds under @key. */
static gboolean
prdr_milter_pseudo_lookup (PrdrTable *table, const char *key, PrdrMilterStored *stored,
                           GError **error)
{
  g_autoptr (GPtrArray) values = NULL;

  if (!prdr_table_lookup (table, key, &values, error))
    return FALSE;
  *stored = prdr_milter_pseudo_stored_decode (values);
  return TRUE;
}

/* prdr_milter_pseudo_params - NOTIFY and ORCPT of @rcpt, for
 * smfi_addrcpt_par (the milter does not see the other parameters of a
 * 452'd recipient; these two are what its DSNs need). */
static char *
prdr_milter_pseudo_params (const PrdrRecipient *rcpt)
{
  g_autoptr (GString) params = g_string_new (NULL);
  const char *keys[] = { "NOTIFY", "ORCPT" };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = prdr_recipient_param (rcpt, keys[i]);
      if (value != NULL && strpbrk (value, " \r\n") == NULL)
        g_string_append_printf (params, "%s%s=%s", params->len ? " " : "", keys[i], value);
    }
  return g_string_free (g_steal_pointer (&params), FALSE);
}

/* prdr_milter_pseudo_claim - store @kind for @key if nothing is stored;
 * TRUE when we stored it. */
static gboolean
prdr_milter_pseudo_claim (PrdrMilterPseudo *pseudo, PrdrTransaction *txn, const char *key,
                          PrdrMilterStoredKind kind, const PrdrReply *reply)
{
  g_autofree char *value = prdr_milter_pseudo_stored_encode (kind, reply);
  g_autoptr (GError) error = NULL;
  gboolean inserted = FALSE;

  if (!prdr_table_insert_if_absent (pseudo->table, key, value, pseudo->expires, &inserted,
                                    &error))
    prdr_transaction_log (txn, G_LOG_LEVEL_WARNING, "pseudo-delayed: cannot store \"%s\": "
                          "%s; left for the retry", key, error->message);
  else if (inserted && kind == PRDR_MILTER_STORED_DELIVERED)
    g_ptr_array_add (pseudo->claims, g_strdup (key));
  return inserted;
}

/* prdr_milter_pseudo_deferred - step 4 for one 452'd recipient. */
static void
prdr_milter_pseudo_deferred (PrdrMilterPseudo *pseudo, PrdrTransaction *txn,
                             const PrdrRecipient *rcpt, const char *key, gboolean delivering)
{
  g_autoptr (GError) error = NULL;
  PrdrMilterStored stored = { PRDR_MILTER_STORED_NONE, NULL };
  PrdrOutcome fresh = prdr_transaction_outcome (txn, rcpt);
  const char *address = prdr_recipient_address (rcpt);

  if (!prdr_milter_pseudo_lookup (pseudo->table, key, &stored, &error))
    {
      prdr_transaction_log (txn, G_LOG_LEVEL_WARNING, "pseudo-delayed: rcpt=%s: %s; left "
                            "for the retry", address, error->message);
      return;
    }
  PrdrMilterDeferredAction action = prdr_milter_pseudo_deferred_action (&fresh, stored.kind,
                                                                        delivering);
  prdr_milter_pseudo_stored_clear (&stored);
  PrdrMilterPseudoAdd add = { NULL, NULL };
  switch (action)
    {
    case PRDR_MILTER_DEFERRED_DELIVER:
      if (prdr_milter_pseudo_claim (pseudo, txn, key, PRDR_MILTER_STORED_DELIVERED, NULL))
        add.address = g_strdup (address);
      break;
    case PRDR_MILTER_DEFERRED_JUNK:
      if (prdr_milter_pseudo_claim (pseudo, txn, key, PRDR_MILTER_STORED_REJECTED, fresh.reply))
        add.address = g_strdup (fresh.deliver_to);
      break;
    case PRDR_MILTER_DEFERRED_DROP:
      prdr_milter_pseudo_claim (pseudo, txn, key, PRDR_MILTER_STORED_DELIVERED, NULL);
      break;
    case PRDR_MILTER_DEFERRED_REJECT:
      prdr_milter_pseudo_claim (pseudo, txn, key, PRDR_MILTER_STORED_REJECTED, fresh.reply);
      break;
    case PRDR_MILTER_DEFERRED_NOTHING:
      break;
    }
  prdr_transaction_log (txn, G_LOG_LEVEL_INFO, "pseudo-delayed: deferred rcpt=%s "
                        "verdict=%s%s%s", address, prdr_verdict_kind_name (fresh.verdict),
                        add.address ? ", delivered now to " : "",
                        add.address ? add.address : "");
  if (add.address != NULL)
    {
      add.params = prdr_milter_pseudo_params (rcpt);
      g_array_append_val (pseudo->adds, add);
    }
}

/* prdr_milter_pseudo_extra - add the deferred recipients decided now. */
static gboolean
prdr_milter_pseudo_extra (SMFICTX *ctx, PrdrMilterSession *session,
                          const PrdrMilterEomPlan *plan)
{
  PrdrMilterPseudo *pseudo = plan->data;

  (void) session;
  for (guint i = 0; i < pseudo->adds->len; i++)
    {
      PrdrMilterPseudoAdd *add = &g_array_index (pseudo->adds, PrdrMilterPseudoAdd, i);
      g_autofree char *to = g_strdup_printf ("<%s>", add->address);
      if ((add->params[0] == '\0' || smfi_addrcpt_par (ctx, to, add->params) != MI_SUCCESS)
          && smfi_addrcpt (ctx, to) != MI_SUCCESS)
        return FALSE;
    }
  return TRUE;
}

/* prdr_milter_pseudo_undo - nothing was delivered after all. */
static void
prdr_milter_pseudo_undo (PrdrMilterSession *session, const PrdrMilterEomPlan *plan)
{
  PrdrMilterPseudo *pseudo = plan->data;

  for (guint i = 0; i < pseudo->claims->len; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!prdr_table_remove (pseudo->table, pseudo->claims->pdata[i], "delivered", &error))
        prdr_transaction_log (session->txn, G_LOG_LEVEL_WARNING, "pseudo-delayed: cannot "
                              "remove \"%s\" again: %s; that recipient's retry will be "
                              "dropped", (char *) pseudo->claims->pdata[i], error->message);
    }
  g_ptr_array_set_size (pseudo->claims, 0);
}

/* prdr_milter_pseudo_rows - step 3: the effective outcomes of the rows;
 * FALSE when the table cannot be read. */
static gboolean
prdr_milter_pseudo_rows (PrdrMilterPseudo *pseudo, PrdrTransaction *txn, const char *id,
                         PrdrOutcome *outcomes, PrdrMilterStored *stored)
{
  for (guint i = 0; i < prdr_transaction_recipient_count (txn); i++)
    {
      g_autoptr (GError) error = NULL;
      const PrdrRecipient *rcpt = prdr_transaction_recipient (txn, i);
      g_autofree char *key = prdr_milter_pseudo_key (id, prdr_transaction_sender (txn),
                                                     prdr_recipient_address (rcpt));
      if (!prdr_milter_pseudo_lookup (pseudo->table, key, &stored[i], &error))
        {
          prdr_transaction_log (txn, G_LOG_LEVEL_WARNING, "pseudo-delayed: %s",
                                error->message);
          return FALSE;
        }
      if (stored[i].kind != PRDR_MILTER_STORED_NONE)
        prdr_transaction_log (txn, G_LOG_LEVEL_INFO, "pseudo-delayed: rcpt=%s was %s "
                              "earlier", prdr_recipient_address (rcpt),
                              stored[i].kind == PRDR_MILTER_STORED_DELIVERED
                                ? "delivered" : "rejected");
      outcomes[i] = prdr_milter_pseudo_effective (&outcomes[i], &stored[i]);
    }
  return TRUE;
}

/* prdr_milter_pseudo_decide - steps 2 to 4 and the plan's answer. */
static sfsistat
prdr_milter_pseudo_decide (SMFICTX *ctx, PrdrMilterSession *session, PrdrMilterPseudo *pseudo,
                           const char *id)
{
  PrdrTransaction *txn = session->txn;
  guint count = prdr_transaction_recipient_count (txn);
  g_autofree PrdrOutcome *outcomes = prdr_milter_eom_outcomes (txn);
  g_autofree PrdrMilterFate *fates = g_new0 (PrdrMilterFate, count + 1);
  g_autofree PrdrMilterStored *stored = g_new0 (PrdrMilterStored, count + 1);
  sfsistat status;

  if (!prdr_milter_pseudo_rows (pseudo, txn, id, outcomes, stored))
    status = prdr_milter_reply_literal (ctx, "451", "4.3.0",
                                        PRDR_MILTER_PSEUDO_TABLE_ERROR_TEXT);
  else
    {
      PrdrMilterEomPlan plan = {
        .answer = prdr_milter_bounce_eom (PRDR_MILTER_BOUNCE_PSEUDO_DELAYED, outcomes, count,
                                          fates),
        .outcomes = outcomes, .fates = fates, .dsn = TRUE,
        .extra = prdr_milter_pseudo_extra, .undo = prdr_milter_pseudo_undo, .data = pseudo,
      };
      gboolean delivering = plan.answer.verdict == PRDR_VERDICT_ACCEPT
                            || plan.answer.verdict == PRDR_VERDICT_DISCARD;
      for (guint i = 0; i < prdr_transaction_deferred_count (txn); i++)
        {
          const PrdrRecipient *rcpt = prdr_transaction_deferred (txn, i);
          g_autofree char *key = prdr_milter_pseudo_key (id, prdr_transaction_sender (txn),
                                                         prdr_recipient_address (rcpt));
          prdr_milter_pseudo_deferred (pseudo, txn, rcpt, key, delivering);
        }
      if (plan.answer.verdict == PRDR_VERDICT_DISCARD && pseudo->adds->len > 0)
        plan.answer.verdict = PRDR_VERDICT_ACCEPT;
      status = prdr_milter_eom_carry_out (ctx, session, &plan);
    }
  for (guint i = 0; i < count; i++)
    prdr_milter_pseudo_stored_clear (&stored[i]);
  return status;
}

sfsistat
prdr_milter_pseudo_eom (SMFICTX *ctx, PrdrMilterSession *session)
{
  const PrdrMilterContext *context = prdr_milter_callbacks_context ();
  PrdrTransaction *txn = session->txn;
  const char *id = prdr_transaction_header (txn, "Message-ID");
  g_autofree char *probe = prdr_milter_pseudo_key (id, "", "");

  if (probe == NULL || prdr_milter_pseudo_id_made_here (id, prdr_transaction_queue_id (txn)))
    {
      prdr_transaction_log (txn, G_LOG_LEVEL_INFO, "pseudo-delayed: no usable Message-ID: "
                            "answering as delayed");
      return prdr_milter_eom_simple (ctx, session, PRDR_MILTER_BOUNCE_DELAYED);
    }
  PrdrMilterPseudo pseudo = {
    .table = context->pseudo_table,
    .expires = g_get_real_time () / G_USEC_PER_SEC + context->pseudo_expire,
    .claims = g_ptr_array_new_with_free_func (g_free),
    .adds = g_array_new (FALSE, TRUE, sizeof (PrdrMilterPseudoAdd)),
  };
  g_array_set_clear_func (pseudo.adds, prdr_milter_pseudo_add_clear);
  prdr_transaction_evaluate_eom (txn, TRUE);
  sfsistat status = prdr_milter_pseudo_decide (ctx, session, &pseudo, id);
  g_ptr_array_unref (pseudo.claims);
  g_array_unref (pseudo.adds);
  return status;
}
