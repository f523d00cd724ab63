/*
 * bounce.h - the bounce modes: how per-recipient outcomes become the one
 * answer that SMTP allows after DATA (see prdr-milter(8), BOUNCE MODES).
 *
 * Pure functions over PrdrOutcome values, without libmilter, so that every
 * case is unit-tested (tests/unit/milter/test-milter-bounce.c).
 *
 *   prdr_milter_bounce_mode_parse   "delayed" | "no-ndr" | "ndr" |
 *                                   "pseudo-delayed"
 *   prdr_milter_bounce_rcpt         the answer to one RCPT TO
 *   prdr_milter_bounce_eom          the answer after DATA, and what becomes
 *                                   of each recipient
 *   prdr_milter_bounce_lines        the lines of a multi-line rejection
 *
 * pseudo-delayed's own decisions are in pseudo-delayed.h, ndr's DSN in
 * bounce-ndr.h.
 */
#ifndef PRDR_MILTER_BOUNCE_H
#define PRDR_MILTER_BOUNCE_H

#include "engine.h"

G_BEGIN_DECLS

#define PRDR_MILTER_ERROR (prdr_milter_error_quark ())
GQuark prdr_milter_error_quark (void);
typedef enum {
  PRDR_MILTER_ERROR_CONFIG,      /* a value the front end cannot use */
  PRDR_MILTER_ERROR_SYSTEM,      /* a system call failed at start-up */
} PrdrMilterError;

typedef enum {
  PRDR_MILTER_BOUNCE_DELAYED,    /* 452 at RCPT for another class; one verdict */
  PRDR_MILTER_BOUNCE_NO_NDR,     /* accept at RCPT; drop rejecting recipients */
  PRDR_MILTER_BOUNCE_NDR,        /* as no-ndr, and a DSN for the dropped ones */
  PRDR_MILTER_BOUNCE_PSEUDO_DELAYED, /* as delayed, deferred ones decided at once */
} PrdrMilterBounceMode;

gboolean prdr_milter_bounce_mode_parse (const char *name, PrdrMilterBounceMode *mode,
                                        GError **error);
const char *prdr_milter_bounce_mode_name (PrdrMilterBounceMode mode);

/* The answer to RCPT TO. */
typedef enum {
  PRDR_MILTER_RCPT_CONTINUE,     /* 250: the recipient is a row of the matrix */
  PRDR_MILTER_RCPT_REJECT,       /* 5xx with the outcome's reply */
  PRDR_MILTER_RCPT_TEMPFAIL,     /* 4xx with the outcome's reply */
  PRDR_MILTER_RCPT_DEFER,        /* 452 4.5.3: retry in a separate transaction */
} PrdrMilterRcptAnswer;

/* The reply of PRDR_MILTER_RCPT_DEFER. */
#define PRDR_MILTER_DEFER_CODE "452"
#define PRDR_MILTER_DEFER_ENHANCED "4.5.3"
#define PRDR_MILTER_DEFER_TEXT \
  "This recipient needs a separate transaction: please send to it again"

/* prdr_milter_bounce_rcpt - @outcome is what prdr_transaction_add_recipient()
 * returned, @same_class what it said about the recipient's class. */
PrdrMilterRcptAnswer prdr_milter_bounce_rcpt (PrdrMilterBounceMode mode,
                                              const PrdrOutcome *outcome,
                                              gboolean same_class);

/* What becomes of one recipient of the matrix after DATA, when the
 * transaction as a whole is accepted. */
typedef enum {
  PRDR_MILTER_FATE_KEEP,         /* delivered as addressed */
  PRDR_MILTER_FATE_DROP,         /* smfi_delrcpt: no copy */
  PRDR_MILTER_FATE_REDIRECT,     /* no copy for it, one for outcome.deliver_to */
} PrdrMilterFate;

/* The answer after DATA. */
typedef struct {
  /* ACCEPT, REJECT, TEMPFAIL or DISCARD, for the whole transaction. */
  PrdrVerdictKind verdict;
  /* REJECT, TEMPFAIL: the reply (NULL: libmilter's generic one). */
  const PrdrReply *reply;
  /* delayed: the outcomes disagreed although the classes agreed at RCPT;
   * the front end tempfails and logs it. */
  gboolean mixed;
} PrdrMilterEomAnswer;

/* The reply used when @mixed is set. */
#define PRDR_MILTER_MIXED_CODE "451"
#define PRDR_MILTER_MIXED_ENHANCED "4.3.0"
#define PRDR_MILTER_MIXED_TEXT \
  "The recipients of this message were treated differently: try again later"

/* prdr_milter_bounce_lines - the lines of the rejection of a transaction
 * whose recipients all reject (@outcomes: all REJECT): NULL when every
 * recipient has the same reply (one line), otherwise one line per distinct
 * reply, in the order of first appearance, "ADDRESS: TEXT" (its own code and
 * enhanced code added to the text where they differ from the first
 * reply's), at most PRDR_MILTER_REPLY_LINES_MAX lines (the last one then
 * says how many replies were left out).  @addresses[i] is the i-th
 * recipient's address. */
GPtrArray *prdr_milter_bounce_lines (const PrdrOutcome *outcomes,
                                     const char *const *addresses, guint count);

/* prdr_milter_bounce_eom - (pseudo-delayed: over the outcomes with the
 * stored ones applied, see pseudo-delayed.h) @outcomes[i] is the outcome of the i-th recipient
 * of the matrix; @fates (@count elements) receives what becomes of each
 * recipient when the answer's verdict is ACCEPT (undefined otherwise). */
PrdrMilterEomAnswer prdr_milter_bounce_eom (PrdrMilterBounceMode mode,
                                            const PrdrOutcome *outcomes, guint count,
                                            PrdrMilterFate *fates);

G_END_DECLS

#endif
