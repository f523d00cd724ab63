/*
 * session.h - the state of one MTA connection, kept in libmilter's private
 * data (smfi_setpriv): Debian's libmilter may run the callbacks of one
 * connection in different worker threads, one at a time, so nothing of a
 * connection lives anywhere else.
 *
 * Lifetime: created at negotiation (or at CONNECT when the MTA does not
 * negotiate), freed at close.  The transaction part is reset at the end of
 * each message, on abort (RSET, the client leaving, an MTA timeout) and
 * before a new MAIL FROM.
 */
#ifndef PRDR_MILTER_SESSION_H
#define PRDR_MILTER_SESSION_H

#include "engine.h"

G_BEGIN_DECLS

typedef struct {
  /* ---- connection: CONNECT to close ---- */
  /* The engine's connection; NULL until CONNECT. */
  PrdrConnection *conn;
  /* The protocol steps negotiated with the MTA (SMFIP_* bits). */
  unsigned long steps;

  /* ---- transaction: MAIL FROM to end of message / abort ---- */
  /* The engine's transaction; NULL outside a transaction or after MAIL was
   * refused. */
  PrdrTransaction *txn;
  /* Recipient address (no brackets) -> the RCPT argument exactly as the MTA
   * sent it, which smfi_delrcpt must repeat. */
  GHashTable *rcpt_args;
  /* Set when spooling a header or body chunk failed: the message is
   * refused at its end (headers and body get no reply of their own). */
  GError *spool_error;
} PrdrMilterSession;

PrdrMilterSession *prdr_milter_session_new (void);
/* Frees the transaction and the connection; NULL is allowed. */
void prdr_milter_session_free (PrdrMilterSession *session);
/* prdr_milter_session_reset_transaction - forget the transaction part. */
void prdr_milter_session_reset_transaction (PrdrMilterSession *session);

G_END_DECLS

#endif
