/*
 * bounce-ndr.h - what the bounce modes ndr and pseudo-delayed tell the
 * sender after DATA beyond one reply: a multi-line rejection when every
 * recipient rejects with replies of its own, and one RFC 3464 delivery
 * status notification for recipients that were dropped from an accepted
 * message because they reject (deliver-and-reject ones included).
 *
 *   prdr_milter_ndr_reject  the rejection (smfi_setmlreply when the texts
 *                           differ, smfi_setreply otherwise)
 *   prdr_milter_ndr_send    the DSN, through [general] sendmail
 *   prdr_milter_junk_send   the copies of a rejected transaction that
 *                           deliver-and-reject recipients still want
 */
#ifndef PRDR_MILTER_BOUNCE_NDR_H
#define PRDR_MILTER_BOUNCE_NDR_H

#include <libmilter/mfapi.h>

#include "session.h"

G_BEGIN_DECLS

/* prdr_milter_ndr_reject - @outcomes[i] (all REJECT) belongs to the i-th
 * recipient of the session's transaction; @first is the reply of the
 * answer.  Returns SMFIS_REJECT. */
sfsistat prdr_milter_ndr_reject (SMFICTX *ctx, const PrdrMilterSession *session,
                                 const PrdrOutcome *outcomes, const PrdrReply *first);

/* prdr_milter_ndr_send - one DSN to the envelope sender for every recipient
 * whose outcome is REJECT (with its NOTIFY and ORCPT; RET and ENVID of MAIL
 * FROM; the original from the spool), submitted with the null sender
 * through @sendmail.  Nothing is sent, and TRUE returned, for the null
 * sender or when no recipient wants a notification (NOTIFY).  FALSE with
 * @error when the DSN could not be built or submitted: the caller tempfails
 * the transaction, so that nobody is lost. */
gboolean prdr_milter_ndr_send (const PrdrMilterSession *session, const char *sendmail,
                               const PrdrOutcome *outcomes, GError **error);

/* prdr_milter_junk_send - when the transaction is rejected (the sender is
 * told in the reply), the recipients whose outcome delivers anyway
 * (deliver_to) get their copy through @sendmail, from the original
 * envelope sender.  TRUE when there was none or the copy was submitted;
 * FALSE with @error otherwise (the caller tempfails: nothing is lost). */
gboolean prdr_milter_junk_send (const PrdrMilterSession *session, const char *sendmail,
                                const PrdrOutcome *outcomes, GError **error);

G_END_DECLS

#endif
