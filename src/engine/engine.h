/*
 * engine.h - how a front end (src/milter, src/smtpd) drives the engine.
 *
 * Private to prdr-milter (modules see include/prdr/ only).  The front end
 * owns one PrdrConnection per client connection and at most one
 * PrdrTransaction on it at a time; both are used by one thread at a time
 * (libmilter may move a connection between threads, never run two callbacks
 * of one connection at once).  The engine evaluates cells, keeps the matrix,
 * spools the message and logs one line per recipient decision; the front end
 * turns outcomes into protocol replies according to the bounce mode.
 *
 * Sequence:
 *   engine = prdr_engine_new (config, &error)            at start-up, before privileges drop
 *   prdr_engine_start (engine, &error)                   then, unless only checking the configuration
 *   conn = prdr_connection_new (engine, addr, name)      CONNECT  (+ prdr_connection_evaluate)
 *   prdr_connection_set_helo / _set_macro                HELO, macros of any stage
 *   txn = prdr_transaction_new (conn, sender, params)    MAIL     (+ prdr_transaction_evaluate_mail)
 *   prdr_transaction_add_recipient (txn, ...)            RCPT, one call per recipient
 *   prdr_transaction_spool_header / _spool_body / _spool_end   DATA
 *   prdr_transaction_evaluate_eom (txn)                  end of message: the matrix
 *   prdr_transaction_free (txn)                          RSET, abort, after EOM
 *   prdr_connection_free (conn)                          close
 */
#ifndef PRDR_ENGINE_ENGINE_H
#define PRDR_ENGINE_ENGINE_H

#include <prdr/prdr.h>
#include "config-file.h"
#include "error.h"

G_BEGIN_DECLS

typedef struct PrdrEngine PrdrEngine;
typedef struct PrdrConnection PrdrConnection;

/* PrdrOutcome - the engine's decision for one recipient: the verdict, the
 * reply that goes with it (NULL for accept/continue/discard), and which
 * module decided ("" when no module had a final word: accepted by default).
 * A recipient whose outcome is still CONTINUE after every module counts as
 * accepted. */
typedef struct {
  PrdrVerdictKind verdict;
  const PrdrReply *reply;
  const char *module;
  /* Set by prdr_cell_deliver_and_reject(): deliver to this address although
   * the verdict is REJECT (the sender is told @reply). */
  const char *deliver_to;
} PrdrOutcome;

/* ---- engine ------------------------------------------------------------ */

/* prdr_engine_new - instantiate the modules of [general] modules in order
 * (built-in by name, or shared objects by absolute path), binding each to
 * its section.  Fails with file:line errors from the configuration. */
PrdrEngine *prdr_engine_new (PrdrConfig *config, GError **error);
/* prdr_engine_start - call each module's instance_start in order (the exec
 * module forks its privileged runner here), before privileges drop.  Not
 * called when only checking the configuration.  Fails with the section of
 * the module that could not start. */
gboolean prdr_engine_start (PrdrEngine *engine, GError **error);
void prdr_engine_free (PrdrEngine *engine);

/* ---- connection -------------------------------------------------------- */

PrdrConnection *prdr_connection_new (PrdrEngine *engine, const char *client_address,
                                     const char *client_name);
void prdr_connection_free (PrdrConnection *conn);
void prdr_connection_set_helo (PrdrConnection *conn, const char *helo);
/* Macros as libmilter gives them ("i", "{auth_authen}"); a later value for
 * the same name replaces the earlier one. */
void prdr_connection_set_macro (PrdrConnection *conn, const char *name,
                                const char *value);
/* Run the CONNECT (or HELO) stage cells: a REJECT/TEMPFAIL outcome refuses
 * the connection. */
PrdrOutcome prdr_connection_evaluate (PrdrConnection *conn, PrdrStage stage);

/* ---- transaction ------------------------------------------------------- */

/* prdr_transaction_new - MAIL FROM: @sender without brackets ("" for <>),
 * @params the ESMTP parameters as "KEY=VALUE" / "KEY" strings
 * (NULL-terminated, may be NULL). */
PrdrTransaction *prdr_transaction_new (PrdrConnection *conn, const char *sender,
                                       const char *const *params);
void prdr_transaction_free (PrdrTransaction *txn);
PrdrOutcome prdr_transaction_evaluate_mail (PrdrTransaction *txn);

/* prdr_transaction_add_recipient - RCPT TO (@address with or without angle
 * brackets).  Runs the RCPT stage cells for
 * the new recipient and computes its EOM class keys.  When the outcome is
 * REJECT or TEMPFAIL the recipient is not added (the front end answers the
 * RCPT with the reply); otherwise it becomes a row of the matrix and
 * *@same_class tells whether its EOM class keys equal those of the first
 * recipient added (TRUE for the first one; a recipient decided at RCPT,
 * say accepted by a whitelist, is of the same class only as one decided
 * alike).  A refused outcome's reply stays valid until the next call.  The
 * engine itself refuses an address it cannot take (553 5.1.3) and more than
 * PRDR_RECIPIENTS_MAX recipients (452 4.5.3).  The delayed modes answer a
 * recipient of another class 452 and then call
 * prdr_transaction_defer_recipient() so that it leaves the matrix. */
PrdrOutcome prdr_transaction_add_recipient (PrdrTransaction *txn, const char *address,
                                            const char *const *params,
                                            gboolean *same_class);
/* prdr_transaction_defer_recipient - take the last added recipient out of the
 * matrix again (kept aside: pseudo-delayed evaluates deferred recipients at
 * EOM too, see prdr_transaction_deferred_count()). */
void prdr_transaction_defer_recipient (PrdrTransaction *txn);
guint prdr_transaction_deferred_count (const PrdrTransaction *txn);
const PrdrRecipient *prdr_transaction_deferred (const PrdrTransaction *txn, guint index);

/* DATA: headers one by one as received (value without the leading space
 * that follows the colon only when the MTA stripped it), then body chunks,
 * then the end.  The spool is an unlinked file in [general] spooldir.
 * Errors are PRDR_ENGINE_ERROR (error.h): PRDR_ENGINE_ERROR_SPOOL (disk
 * full, spooldir missing: tempfail the transaction, 451 4.3.0) or
 * PRDR_ENGINE_ERROR_LIMIT (more or larger headers, or a larger message,
 * than limits.h allows: reject it, 552 5.3.4). */
gboolean prdr_transaction_spool_header (PrdrTransaction *txn, const char *name,
                                        const char *value, GError **error);
gboolean prdr_transaction_spool_body (PrdrTransaction *txn, const guint8 *data,
                                      gsize length, GError **error);
gboolean prdr_transaction_spool_end (PrdrTransaction *txn, GError **error);

/* prdr_transaction_evaluate_eom - the matrix: every module in order, cells by
 * class key, for the recipients of the matrix (and, when
 * @include_deferred, also for the deferred ones, each in its own rows).
 * Logs one line per recipient decision.  Afterwards read the outcomes: */
void prdr_transaction_evaluate_eom (PrdrTransaction *txn, gboolean include_deferred);
PrdrOutcome prdr_transaction_outcome (const PrdrTransaction *txn,
                                      const PrdrRecipient *rcpt);

/* Actions the cells requested, for the front end to carry out: headers to
 * add (pairs name, value) and recipients to add (redirects). */
guint prdr_transaction_added_header_count (const PrdrTransaction *txn);
void prdr_transaction_added_header (const PrdrTransaction *txn, guint index,
                                    const char **name, const char **value);
guint prdr_transaction_added_recipient_count (const PrdrTransaction *txn);
const char *prdr_transaction_added_recipient (const PrdrTransaction *txn, guint index);

G_END_DECLS

#endif
