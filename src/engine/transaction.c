/*
 * transaction.c - one SMTP transaction (engine.h, prdr/transaction.h): the
 * envelope, the rows of the matrix and the deferred recipients, the message
 * spool, the facts, the actions cells requested, and the stages MAIL, RCPT
 * and EOM.
 *
 * Limits: at most PRDR_RECIPIENTS_MAX recipients (rows and deferred
 * together); more are answered "452 4.5.3 Too many recipients" (RFC 5321
 * section 4.5.3.1.10).  An address the engine cannot take (too long,
 * control characters) is answered "553 5.1.3".
 */
#include <string.h>

#include "engine-private.h"
#include "error.h"
#include "limits.h"

/* The replies for recipients the engine itself refuses. */
#define PRDR_TRANSACTION_TOO_MANY "452 4.5.3 Too many recipients"
#define PRDR_TRANSACTION_BAD_ADDRESS "553 5.1.3 Bad recipient address syntax"

PrdrTransaction *
prdr_transaction_new (PrdrConnection *conn, const char *sender, const char *const *params)
{
  PrdrTransaction *txn = g_new0 (PrdrTransaction, 1);
  gsize length = sender ? strlen (sender) : 0;

  if (length >= 2 && sender[0] == '<' && sender[length - 1] == '>')
    txn->sender = g_strndup (sender + 1, length - 2);
  else
    txn->sender = g_strdup (sender ? sender : "");
  txn->conn = conn;
  txn->sender_params = prdr_envelope_params_new (params);
  txn->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_recipient_free);
  txn->deferred = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_recipient_free);
  txn->facts = prdr_facts_new ();
  g_mutex_init (&txn->actions_lock);
  txn->added_headers = g_ptr_array_new_with_free_func (g_free);
  txn->added_recipients = g_ptr_array_new_with_free_func (g_free);
  return txn;
}

void
prdr_transaction_free (PrdrTransaction *txn)
{
  if (txn == NULL)
    return;
  g_ptr_array_unref (txn->added_recipients);
  g_ptr_array_unref (txn->added_headers);
  g_mutex_clear (&txn->actions_lock);
  prdr_facts_free (txn->facts);
  prdr_spool_free (txn->spool);
  prdr_reply_free (txn->mail_reply);
  prdr_reply_free (txn->rcpt_reply);
  g_ptr_array_unref (txn->deferred);
  g_ptr_array_unref (txn->recipients);
  g_ptr_array_unref (txn->sender_params);
  g_free (txn->sender);
  g_free (txn);
}

PrdrOutcome
prdr_transaction_evaluate_mail (PrdrTransaction *txn)
{
  return prdr_matrix_evaluate_envelope (txn, PRDR_STAGE_MAIL, &txn->mail_reply);
}

/* prdr_transaction_refuse - an outcome for a recipient refused at RCPT
 * with @reply (kept until the next RCPT). */
static PrdrOutcome
prdr_transaction_refuse (PrdrTransaction *txn, PrdrReply *reply, const char *module)
{
  PrdrOutcome outcome = { .module = module };

  prdr_reply_free (txn->rcpt_reply);
  txn->rcpt_reply = reply;
  outcome.verdict = reply->code[0] == '5' ? PRDR_VERDICT_REJECT : PRDR_VERDICT_TEMPFAIL;
  outcome.reply = reply;
  return outcome;
}

PrdrOutcome
prdr_transaction_add_recipient (PrdrTransaction *txn, const char *address,
                                const char *const *params, gboolean *same_class)
{
  guint n_modules = txn->conn->engine->modules->len;
  g_autoptr (GError) error = NULL;
  PrdrRecipient *rcpt;
  PrdrOutcome outcome;

  *same_class = FALSE;
  if (txn->recipients->len + txn->deferred->len >= PRDR_RECIPIENTS_MAX)
    return prdr_transaction_refuse (
      txn, prdr_reply_parse (PRDR_TRANSACTION_TOO_MANY, NULL, NULL, NULL), "");
  rcpt = prdr_recipient_new (address, params, txn->recipients->len, n_modules, &error);
  if (rcpt == NULL)
    {
      prdr_transaction_log (txn, G_LOG_LEVEL_WARNING, "recipient refused: %s",
                            error->message);
      return prdr_transaction_refuse (
        txn, prdr_reply_parse (PRDR_TRANSACTION_BAD_ADDRESS, NULL, NULL, NULL), "");
    }
  rcpt->serial = ++txn->last_serial;
  prdr_matrix_evaluate_rcpt (txn, rcpt);
  outcome = prdr_recipient_outcome (rcpt);
  if (outcome.verdict == PRDR_VERDICT_REJECT || outcome.verdict == PRDR_VERDICT_TEMPFAIL)
    {
      outcome = prdr_transaction_refuse (txn, g_steal_pointer (&rcpt->outcome.reply),
                                         outcome.module);
      prdr_recipient_free (rcpt);
      return outcome;
    }
  g_ptr_array_add (txn->recipients, rcpt);
  *same_class = txn->recipients->len == 1
                || prdr_matrix_same_class (txn, g_ptr_array_index (txn->recipients, 0), rcpt);
  return outcome;
}

void
prdr_transaction_defer_recipient (PrdrTransaction *txn)
{
  g_return_if_fail (txn->recipients->len > 0);
  g_ptr_array_add (txn->deferred, g_ptr_array_steal_index (txn->recipients,
                                                           txn->recipients->len - 1));
}

guint
prdr_transaction_deferred_count (const PrdrTransaction *txn)
{
  return txn->deferred->len;
}

const PrdrRecipient *
prdr_transaction_deferred (const PrdrTransaction *txn, guint index)
{
  g_return_val_if_fail (index < txn->deferred->len, NULL);
  return g_ptr_array_index (txn->deferred, index);
}

void
prdr_transaction_evaluate_eom (PrdrTransaction *txn, gboolean include_deferred)
{
  if (txn->eom_done)
    {
      prdr_transaction_log (txn, G_LOG_LEVEL_WARNING, "end of message evaluated twice");
      return;
    }
  txn->eom_done = TRUE;
  prdr_matrix_evaluate_eom (txn, txn->recipients);
  if (include_deferred && txn->deferred->len > 0)
    prdr_matrix_evaluate_eom (txn, txn->deferred);
}

PrdrOutcome
prdr_transaction_outcome (const PrdrTransaction *txn, const PrdrRecipient *rcpt)
{
  (void) txn;
  return prdr_recipient_outcome (rcpt);
}

/* ---- actions ----------------------------------------------------------- */

guint
prdr_transaction_added_header_count (const PrdrTransaction *txn)
{
  return txn->added_headers->len / 2;
}

void
prdr_transaction_added_header (const PrdrTransaction *txn, guint index,
                               const char **name, const char **value)
{
  g_return_if_fail (index < txn->added_headers->len / 2);
  *name = g_ptr_array_index (txn->added_headers, 2 * index);
  *value = g_ptr_array_index (txn->added_headers, 2 * index + 1);
}

guint
prdr_transaction_added_recipient_count (const PrdrTransaction *txn)
{
  return txn->added_recipients->len;
}

const char *
prdr_transaction_added_recipient (const PrdrTransaction *txn, guint index)
{
  g_return_val_if_fail (index < txn->added_recipients->len, NULL);
  return g_ptr_array_index (txn->added_recipients, index);
}

/* ---- envelope accessors ------------------------------------------------ */

const char *
prdr_transaction_sender (const PrdrTransaction *txn)
{
  return txn->sender;
}

const char *
prdr_transaction_sender_param (const PrdrTransaction *txn, const char *keyword)
{
  return prdr_envelope_params_get (txn->sender_params, keyword);
}

guint
prdr_transaction_recipient_count (const PrdrTransaction *txn)
{
  return txn->recipients->len;
}

const PrdrRecipient *
prdr_transaction_recipient (const PrdrTransaction *txn, guint index)
{
  g_return_val_if_fail (index < txn->recipients->len, NULL);
  return g_ptr_array_index (txn->recipients, index);
}

/* ---- facts ------------------------------------------------------------- */

void
prdr_transaction_fact_set (PrdrTransaction *txn, const PrdrRecipient *rcpt,
                           const char *name, const char *value)
{
  g_autoptr (GError) error = NULL;

  if (!prdr_facts_set (txn->facts, rcpt ? rcpt->serial : PRDR_FACTS_MESSAGE, name, value,
                       &error))
    prdr_transaction_log (txn, G_LOG_LEVEL_WARNING, "%s", error->message);
}

char *
prdr_transaction_fact_get (PrdrTransaction *txn, const PrdrRecipient *rcpt,
                           const char *name)
{
  return prdr_facts_get (txn->facts, rcpt ? rcpt->serial : PRDR_FACTS_MESSAGE, name);
}

/* ---- the message ------------------------------------------------------- */

/* prdr_transaction_spool - the spool, created on first use. */
static PrdrSpool *
prdr_transaction_spool (PrdrTransaction *txn, GError **error)
{
  if (txn->spool == NULL)
    txn->spool = prdr_spool_new (txn->conn->engine->spooldir, error);
  return txn->spool;
}

gboolean
prdr_transaction_spool_header (PrdrTransaction *txn, const char *name, const char *value,
                               GError **error)
{
  PrdrSpool *spool = prdr_transaction_spool (txn, error);
  return spool != NULL && prdr_spool_add_header (spool, name, value, error);
}

gboolean
prdr_transaction_spool_body (PrdrTransaction *txn, const guint8 *data, gsize length,
                             GError **error)
{
  PrdrSpool *spool = prdr_transaction_spool (txn, error);
  return spool != NULL && prdr_spool_add_body (spool, data, length, error);
}

gboolean
prdr_transaction_spool_end (PrdrTransaction *txn, GError **error)
{
  PrdrSpool *spool = prdr_transaction_spool (txn, error);
  return spool != NULL && prdr_spool_finish (spool, error);
}

int
prdr_transaction_message_fd (const PrdrTransaction *txn)
{
  return txn->spool && prdr_spool_finished (txn->spool) ? prdr_spool_fd (txn->spool) : -1;
}

goffset
prdr_transaction_message_size (const PrdrTransaction *txn)
{
  return txn->spool && prdr_spool_finished (txn->spool) ? prdr_spool_size (txn->spool) : 0;
}

GMimeMessage *
prdr_transaction_message_mime (PrdrTransaction *txn)
{
  return txn->spool ? prdr_spool_mime (txn->spool) : NULL;
}

const char *
prdr_transaction_header (PrdrTransaction *txn, const char *name)
{
  return txn->spool ? prdr_spool_header (txn->spool, name) : NULL;
}
