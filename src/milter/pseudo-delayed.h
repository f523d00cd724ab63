/*
 * pseudo-delayed.h - the decisions of the bounce mode pseudo-delayed, as
 * pure functions (unit-tested in tests/unit/milter/test-milter-pseudo.c);
 * pseudo-eom.c carries them out through libmilter and the table.
 *
 * At RCPT pseudo-delayed answers like delayed: 452 4.5.3 to a recipient of
 * another class.  At the end of the message the modules also decide for
 * those deferred recipients; each decision is stored in the table
 * "pseudo-delayed" (prdr/table.h; on PostgreSQL it is shared by several MX
 * hosts) under the key of the message and the recipient, so that the
 * client's retry of that recipient gets the same outcome without a second
 * copy:
 *
 *   prdr_milter_pseudo_key              the table key
 *   prdr_milter_pseudo_id_made_here     a Message-ID the MTA added itself
 *   prdr_milter_pseudo_stored_encode    an outcome as the table's value
 *   prdr_milter_pseudo_stored_decode    and back
 *   prdr_milter_pseudo_effective        what a recipient of the retry gets
 *   prdr_milter_pseudo_deferred_action  what becomes of a deferred one now
 */
#ifndef PRDR_MILTER_PSEUDO_DELAYED_H
#define PRDR_MILTER_PSEUDO_DELAYED_H

#include "engine.h"

G_BEGIN_DECLS

/* The table pseudo-delayed keeps its outcomes in ([table:pseudo-delayed]). */
#define PRDR_MILTER_PSEUDO_TABLE "pseudo-delayed"

typedef enum {
  PRDR_MILTER_STORED_NONE,       /* nothing stored: decide afresh */
  PRDR_MILTER_STORED_DELIVERED,  /* delivered (or dropped by its own rule) */
  PRDR_MILTER_STORED_REJECTED,   /* rejected: @reply */
} PrdrMilterStoredKind;

typedef struct {
  PrdrMilterStoredKind kind;
  PrdrReply *reply;              /* REJECTED: owned */
} PrdrMilterStored;

void prdr_milter_pseudo_stored_clear (PrdrMilterStored *stored);

/* prdr_milter_pseudo_key - the key of @rcpt for the message with
 * @message_id (a raw header value) from @sender: "pd1 <id> <sender>
 * <recipient>" with the Message-ID's white space removed and the
 * recipient lower-cased.  The sender is part of the key so that a list's
 * copy (another envelope sender) of a message already delivered is not
 * taken for a retry.  NULL when @message_id is NULL, empty, longer than
 * PRDR_MILTER_MESSAGE_ID_MAX or not UTF-8: the message then falls back to
 * delayed. */
char *prdr_milter_pseudo_key (const char *message_id, const char *sender,
                              const char *rcpt);

/* prdr_milter_pseudo_id_made_here - TRUE when @message_id holds the
 * transaction's queue id @queue_id: the MTA made it up for this
 * transaction because the message had none (Postfix's cleanup adds
 * "<YYYYMMDDhhmmss.QUEUEID@myhostname>" before the milter sees the
 * headers; Sendmail does alike), so the client's retry will carry another
 * one and the message must be treated as having none. */
gboolean prdr_milter_pseudo_id_made_here (const char *message_id, const char *queue_id);

/* prdr_milter_pseudo_stored_encode - "delivered" or "rejected CODE
 * ENHANCED TEXT". */
char *prdr_milter_pseudo_stored_encode (PrdrMilterStoredKind kind, const PrdrReply *reply);

/* prdr_milter_pseudo_stored_decode - the first usable value of @values
 * (strings as the table returned them); NONE when none is (a value we
 * cannot read is ignored: the recipient is decided afresh, which may
 * deliver twice but never loses mail). */
PrdrMilterStored prdr_milter_pseudo_stored_decode (const GPtrArray *values);

/* prdr_milter_pseudo_effective - the outcome a recipient of this
 * transaction counts with: its stored one when there is one (DELIVERED
 * counts as DISCARD: accepted, but no second copy; REJECTED as REJECT with
 * the stored reply), else @fresh.  The reply points into @stored. */
PrdrOutcome prdr_milter_pseudo_effective (const PrdrOutcome *fresh,
                                          const PrdrMilterStored *stored);

typedef enum {
  PRDR_MILTER_DEFERRED_NOTHING,  /* no copy now, nothing stored */
  PRDR_MILTER_DEFERRED_DELIVER,  /* store DELIVERED; if that won, add it */
  PRDR_MILTER_DEFERRED_JUNK,     /* store REJECTED; if that won, add deliver_to */
  PRDR_MILTER_DEFERRED_DROP,     /* store DELIVERED (its rule discards) */
  PRDR_MILTER_DEFERRED_REJECT,   /* store REJECTED */
} PrdrMilterDeferredAction;

/* prdr_milter_pseudo_deferred_action - for a recipient that got 452 in
 * this transaction: @fresh its outcome now, @stored what the table holds,
 * @delivering whether this transaction delivers (its answer is accept).
 * Something stored already is kept (the retry applies it).  A rejection is
 * stored in any case (no copy is involved); a copy is made, and
 * recorded, only when the transaction delivers; a tempfail is never stored
 * (the retry decides afresh). */
PrdrMilterDeferredAction prdr_milter_pseudo_deferred_action (const PrdrOutcome *fresh,
                                                             PrdrMilterStoredKind stored,
                                                             gboolean delivering);

G_END_DECLS

#endif
