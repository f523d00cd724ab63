/*
 * bounce-ndr.c - the multi-line rejection and the delivery status
 * notification of the bounce modes ndr and pseudo-delayed (bounce-ndr.h).
 *
 * The DSN (RFC 3464, built by src/mail/dsn.h) goes to the envelope sender
 * alone, from the null sender (RFC 3461 section 6.2, RFC 5321 section
 * 4.5.5); never for a null sender (RFC 5321 section 6.1) and never about a
 * recipient whose NOTIFY leaves out FAILURE (RFC 3461 section 4.1).
 *
 * Limits: PRDR_MILTER_REPLY_LINES_MAX lines of a multi-line reply (libmilter
 * takes 32), PRDR_MILTER_SUBMIT_TIMEOUT_MS for the sendmail program
 * (limits.h); the DSN's own limits are in src/mail/limits.h.
 */
#include "bounce-ndr.h"

#include "bounce.h"
#include "callbacks.h"
#include "limits.h"
#include "log.h"
#include "mail/dsn.h"
#include "mail/gmime-autoptr.h"
#include "mail/submit.h"

/* prdr_milter_ndr_setmlreply - smfi_setmlreply with @lines (escaped for
 * libmilter), which takes its lines as variadic arguments. */
static int
prdr_milter_ndr_setmlreply (SMFICTX *ctx, const PrdrReply *first, GPtrArray *lines)
{
  char *l[PRDR_MILTER_REPLY_LINES_MAX + 1] = { NULL };

  g_assert (lines->len <= PRDR_MILTER_REPLY_LINES_MAX);
  for (guint i = 0; i < lines->len; i++)
    l[i] = prdr_reply_text_for_milter (lines->pdata[i]);
  int status = smfi_setmlreply (ctx, first->code, first->enhanced_code,
    l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], l[8], l[9], l[10], l[11], l[12], l[13],
    l[14], l[15], l[16], l[17], l[18], l[19], l[20], l[21], l[22], l[23], l[24], l[25],
    l[26], l[27], l[28], l[29], l[30], l[31], (char *) NULL);
  for (guint i = 0; i < lines->len; i++)
    g_free (l[i]);
  return status;
}

sfsistat
prdr_milter_ndr_reject (SMFICTX *ctx, const PrdrMilterSession *session,
                        const PrdrOutcome *outcomes, const PrdrReply *first)
{
  PrdrTransaction *txn = session->txn;
  guint count = prdr_transaction_recipient_count (txn);
  g_autofree const char **addresses = g_new0 (const char *, count + 1);

  for (guint i = 0; i < count; i++)
    addresses[i] = prdr_recipient_address (prdr_transaction_recipient (txn, i));
  g_autoptr (GPtrArray) lines = prdr_milter_bounce_lines (outcomes, addresses, count);
  if (lines == NULL || first == NULL)
    return prdr_milter_reply (ctx, first, SMFIS_REJECT);
  if (prdr_milter_ndr_setmlreply (ctx, first, lines) != MI_SUCCESS)
    {
      prdr_transaction_log (txn, G_LOG_LEVEL_WARNING, "libmilter refused a multi-line reply "
                            "of %u lines; sending the first recipient's alone", lines->len);
      return prdr_milter_reply (ctx, first, SMFIS_REJECT);
    }
  return SMFIS_REJECT;
}

/* prdr_milter_ndr_add - report the i-th recipient when it rejects. */
static gboolean
prdr_milter_ndr_add (PrdrMailDsn *dsn, const PrdrRecipient *rcpt, const PrdrOutcome *outcome,
                     GError **error)
{
  if (outcome->verdict != PRDR_VERDICT_REJECT)
    return TRUE;
  const PrdrReply *reply = outcome->reply;
  PrdrMailDsnRecipient r = {
    .address = prdr_recipient_address (rcpt),
    .notify = prdr_recipient_param (rcpt, "NOTIFY"),
    .orcpt = prdr_recipient_param (rcpt, "ORCPT"),
    .code = reply ? reply->code : "550",
    .enhanced_code = reply ? reply->enhanced_code : "5.7.1",
    .text = reply ? reply->text : "Rejected",
  };
  return prdr_mail_dsn_add_recipient (dsn, &r, error);
}

/* prdr_milter_ndr_host - the reporting MTA: the MTA's macro j, else ours. */
static const char *
prdr_milter_ndr_host (PrdrTransaction *txn)
{
  const char *j = prdr_transaction_macro (txn, "j");

  return j != NULL && j[0] != '\0' ? j : g_get_host_name ();
}

gboolean
prdr_milter_ndr_send (const PrdrMilterSession *session, const char *sendmail,
                      const PrdrOutcome *outcomes, GError **error)
{
  PrdrTransaction *txn = session->txn;
  const char *sender = prdr_transaction_sender (txn);
  guint count = prdr_transaction_recipient_count (txn);

  if (sender[0] == '\0')
    return TRUE;
  g_autoptr (PrdrMailDsn) dsn = prdr_mail_dsn_new (prdr_milter_ndr_host (txn), sender, error);
  if (dsn == NULL)
    return FALSE;
  prdr_mail_dsn_set_envelope (dsn, prdr_transaction_sender_param (txn, "RET"),
                              prdr_transaction_sender_param (txn, "ENVID"));
  for (guint i = 0; i < count; i++)
    if (!prdr_milter_ndr_add (dsn, prdr_transaction_recipient (txn, i), &outcomes[i], error))
      return FALSE;
  if (prdr_mail_dsn_recipient_count (dsn) == 0)
    return TRUE;
  if (!prdr_mail_dsn_set_original_fd (dsn, prdr_transaction_message_fd (txn),
                                      prdr_transaction_message_size (txn), error))
    return FALSE;
  g_autoptr (GMimeMessage) message = prdr_mail_dsn_build (dsn, error);
  const char *const to[] = { sender, NULL };
  if (message == NULL
      || !prdr_mail_submit (sendmail, "", to, GMIME_OBJECT (message),
                            PRDR_MILTER_SUBMIT_TIMEOUT_MS, error))
    return FALSE;
  prdr_transaction_log (txn, G_LOG_LEVEL_INFO, "DSN sent to <%s> for %u recipients",
                        sender, prdr_mail_dsn_recipient_count (dsn));
  return TRUE;
}

gboolean
prdr_milter_junk_send (const PrdrMilterSession *session, const char *sendmail,
                       const PrdrOutcome *outcomes, GError **error)
{
  PrdrTransaction *txn = session->txn;
  g_autoptr (GPtrArray) to = g_ptr_array_new ();

  for (guint i = 0; i < prdr_transaction_recipient_count (txn); i++)
    if (outcomes[i].verdict == PRDR_VERDICT_REJECT && outcomes[i].deliver_to != NULL
        && !g_ptr_array_find_with_equal_func (to, outcomes[i].deliver_to, g_str_equal, NULL))
      g_ptr_array_add (to, (gpointer) outcomes[i].deliver_to);
  if (to->len == 0)
    return TRUE;
  g_ptr_array_add (to, NULL);
  GMimeMessage *message = prdr_transaction_message_mime (txn);
  if (message == NULL)
    {
      g_set_error (error, PRDR_MILTER_ERROR, PRDR_MILTER_ERROR_SYSTEM,
                   "the message cannot be read back from the spool");
      return FALSE;
    }
  if (!prdr_mail_submit (sendmail, prdr_transaction_sender (txn),
                         (const char *const *) to->pdata, GMIME_OBJECT (message),
                         PRDR_MILTER_SUBMIT_TIMEOUT_MS, error))
    return FALSE;
  prdr_transaction_log (txn, G_LOG_LEVEL_INFO, "rejected, and delivered through sendmail to "
                        "%u deliver-and-reject addresses", to->len - 1);
  return TRUE;
}
