/*
 * callbacks.h - the libmilter callbacks of prdr-milter, mapped onto engine.h.
 *
 *   prdr_milter_callbacks_describe  the struct smfiDesc for smfi_register()
 *   prdr_milter_reply               an outcome or reply as libmilter status
 *   prdr_milter_eom                 the end-of-message callback (eom.c)
 *
 * libmilter's callbacks carry no user pointer but the per-connection private
 * data, so the daemon's context (engine, bounce mode) is held in one pointer
 * set by prdr_milter_callbacks_describe() before smfi_main() and read-only
 * afterwards -- the one process-wide variable of the front end.
 */
#ifndef PRDR_MILTER_CALLBACKS_H
#define PRDR_MILTER_CALLBACKS_H

#include <libmilter/mfapi.h>

#include "bounce.h"
#include "engine.h"
#include "session.h"

G_BEGIN_DECLS

/* What every callback needs; owned by main(), lives until smfi_main()
 * returns. */
typedef struct {
  PrdrEngine *engine;
  PrdrMilterBounceMode mode;
  /* [general] sendmail: how ndr and pseudo-delayed send DSNs. */
  const char *sendmail;
  /* pseudo-delayed: the table of outcomes and how long they are kept
   * (seconds, [general] pseudo-delayed-expire); NULL in other modes. */
  PrdrTable *pseudo_table;
  gint64 pseudo_expire;
} PrdrMilterContext;

/* prdr_milter_callbacks_describe - fill @desc and remember @context. */
void prdr_milter_callbacks_describe (const PrdrMilterContext *context,
                                     struct smfiDesc *desc);
const PrdrMilterContext *prdr_milter_callbacks_context (void);

/* prdr_milter_reply - set @reply (if any) as the SMTP reply and return the
 * status that goes with its code's class (4xx: SMFIS_TEMPFAIL, else
 * SMFIS_REJECT); @fallback when @reply is NULL. */
sfsistat prdr_milter_reply (SMFICTX *ctx, const PrdrReply *reply, sfsistat fallback);
/* prdr_milter_reply_literal - the same from code, enhanced code and text. */
sfsistat prdr_milter_reply_literal (SMFICTX *ctx, const char *code,
                                    const char *enhanced_code, const char *text);

/* prdr_milter_session_get - the connection's session (created when
 * missing). */
PrdrMilterSession *prdr_milter_session_get (SMFICTX *ctx);
/* prdr_milter_macros_copy - the macros we asked for, into the connection. */
void prdr_milter_macros_copy (SMFICTX *ctx, PrdrMilterSession *session);

/* prdr_milter_spool_failed - keep the first spool error (taken from
 * *@error) for the end of the message, and log it. */
void prdr_milter_spool_failed (PrdrMilterSession *session, GError **error);

/* xxfi_eom, in eom.c. */
sfsistat prdr_milter_eom (SMFICTX *ctx);

G_END_DECLS

#endif
