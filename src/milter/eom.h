/*
 * eom.h - carrying out the end of message's answer through libmilter
 * (eom.c), shared by the bounce modes: pseudo-delayed (pseudo-eom.c) builds
 * a plan of its own and hands it over here.
 */
#ifndef PRDR_MILTER_EOM_H
#define PRDR_MILTER_EOM_H

#include <libmilter/mfapi.h>

#include "bounce.h"
#include "session.h"

G_BEGIN_DECLS

typedef struct PrdrMilterEomPlan PrdrMilterEomPlan;
struct PrdrMilterEomPlan {
  /* The answer for the transaction and, for ACCEPT, each recipient's fate. */
  PrdrMilterEomAnswer answer;
  /* outcomes[i], fates[i]: the i-th recipient of the matrix. */
  const PrdrOutcome *outcomes;
  const PrdrMilterFate *fates;
  /* ACCEPT: send one DSN for the recipients whose outcome is REJECT (ndr,
   * pseudo-delayed). */
  gboolean dsn;
  /* ACCEPT: called after the matrix's recipient changes and before the
   * DSN (pseudo-delayed adds its deferred recipients); FALSE when
   * libmilter refused a change: the message is then tempfailed and
   * @undo (may be NULL) called. */
  gboolean (*extra) (SMFICTX *ctx, PrdrMilterSession *session, const PrdrMilterEomPlan *plan);
  void (*undo) (PrdrMilterSession *session, const PrdrMilterEomPlan *plan);
  gpointer data;
};

/* prdr_milter_eom_carry_out - the reply, recipient changes, headers and
 * DSN of @plan; the status for libmilter. */
sfsistat prdr_milter_eom_carry_out (SMFICTX *ctx, PrdrMilterSession *session,
                                    const PrdrMilterEomPlan *plan);

/* prdr_milter_eom_outcomes - the outcomes of the matrix's recipients after
 * prdr_transaction_evaluate_eom(), one per row (array of the row count + 1). */
PrdrOutcome *prdr_milter_eom_outcomes (PrdrTransaction *txn);

/* pseudo-eom.c: the end of message in pseudo-delayed. */
sfsistat prdr_milter_pseudo_eom (SMFICTX *ctx, PrdrMilterSession *session);

/* prdr_milter_eom_simple - evaluate the matrix (deferred recipients left
 * out) and answer by the rules of @mode (delayed, no-ndr, ndr). */
sfsistat prdr_milter_eom_simple (SMFICTX *ctx, PrdrMilterSession *session,
                                 PrdrMilterBounceMode mode);

G_END_DECLS

#endif
