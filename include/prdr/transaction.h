/*
 * prdr/transaction.h - what a module can see of the SMTP session: the
 * connection, the envelope, the message and the facts earlier modules
 * published.
 *
 * A PrdrTransaction lives from MAIL FROM to the end of the message (or RSET,
 * or the client leaving).  Its connection part (client address, HELO, macros)
 * outlives it and is shared by the transactions of one connection.  Modules get
 * a transaction in every callback and must not keep pointers into it after
 * the callback returns.  All accessors are safe to call from the thread that
 * runs the callback; the engine may evaluate different cells of one
 * transaction in different threads at once, so the accessors that build
 * something lazily (the MIME view) lock internally.
 *
 * Strings returned are owned by the transaction unless said otherwise.
 */
#ifndef PRDR_TRANSACTION_H
#define PRDR_TRANSACTION_H

#include <glib.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

typedef struct PrdrTransaction PrdrTransaction;
typedef struct PrdrRecipient PrdrRecipient;

/* ---- connection -------------------------------------------------------- */

/* The client's IP address as text ("192.0.2.1", "2001:db8::1"), or "" when
 * the MTA did not say (a local submission). */
const char *prdr_transaction_client_address (const PrdrTransaction *txn);
/* The client's host name as the MTA resolved it, "" when unknown. */
const char *prdr_transaction_client_name (const PrdrTransaction *txn);
/* The HELO/EHLO argument, "" before HELO. */
const char *prdr_transaction_helo (const PrdrTransaction *txn);
/* A macro the MTA sent, by its milter name: "i" (the queue id),
 * "{auth_authen}", "{client_addr}", "j" ...  NULL when not sent.  The
 * prdr-smtpd front end fills in the same names. */
const char *prdr_transaction_macro (const PrdrTransaction *txn, const char *name);
/* The queue id (macro "i"), or "NOQUEUE" before the MTA assigned one. */
const char *prdr_transaction_queue_id (const PrdrTransaction *txn);
/* The SASL login name ({auth_authen}), NULL when the session is not
 * authenticated. */
const char *prdr_transaction_authenticated_user (const PrdrTransaction *txn);
/* A short id unique within this process for log lines of this connection. */
const char *prdr_transaction_session_id (const PrdrTransaction *txn);

/* ---- envelope ---------------------------------------------------------- */

/* The envelope sender without angle brackets; "" for the null sender <>. */
const char *prdr_transaction_sender (const PrdrTransaction *txn);
/* An ESMTP parameter of MAIL FROM by keyword, case-insensitive ("RET",
 * "ENVID", "SIZE", "BODY", "SMTPUTF8").  Returns the value as the client
 * wrote it (xtext such as ENVID's "+2B" not decoded), "" for a parameter
 * without value, NULL when absent.  At most 32 parameters are kept. */
const char *prdr_transaction_sender_param (const PrdrTransaction *txn,
                                           const char *keyword);

/* The recipients of this transaction that were accepted at RCPT so far, in
 * the order the client gave them (the rows of the matrix). */
guint prdr_transaction_recipient_count (const PrdrTransaction *txn);
const PrdrRecipient *prdr_transaction_recipient (const PrdrTransaction *txn,
                                                 guint index);

/* The address without angle brackets, as the client wrote it. */
const char *prdr_recipient_address (const PrdrRecipient *rcpt);
/* The local part as written (before the last '@'), and the domain
 * lower-cased ("" for an address without '@', such as "postmaster"). */
const char *prdr_recipient_local_part (const PrdrRecipient *rcpt);
const char *prdr_recipient_domain (const PrdrRecipient *rcpt);
/* The user a per-user lookup should use: the local part lower-cased, with
 * the sub-address removed (RFC 5233; the separator is "+").  "Bob+lists"
 * becomes "bob". */
const char *prdr_recipient_user (const PrdrRecipient *rcpt);
/* An ESMTP parameter of RCPT TO ("NOTIFY", "ORCPT"), as for the sender. */
const char *prdr_recipient_param (const PrdrRecipient *rcpt, const char *keyword);
/* The position of the recipient among the rows of the transaction, from 0
 * (prdr_transaction_recipient (txn, index) is this recipient).  A
 * recipient the front end deferred (answered 452 in the delayed modes)
 * keeps the index it had when it was added. */
guint prdr_recipient_index (const PrdrRecipient *rcpt);

/* ---- message ----------------------------------------------------------- */

/* The message as received, headers and body with CRLF line ends, spooled to
 * an unlinked file.  Valid only at the end-of-message stage.  The descriptor
 * belongs to the transaction: read it with pread() (other cells may read it
 * at the same time) or dup() it, never close it. */
int prdr_transaction_message_fd (const PrdrTransaction *txn);
/* Its size in octets. */
goffset prdr_transaction_message_size (const PrdrTransaction *txn);
/* A GMime view of the message, parsed on first use and then shared by all
 * modules (headers and MIME structure; bodies stream from the spool file).
 * NULL before the end of message or when even GMime cannot make a message
 * of it.  Owned by the transaction; treat it as read-only.  Its part
 * contents stream from one file description, so they must not be read from
 * two threads at once: the engine evaluates the cells of one transaction
 * one after the other, and a module that starts threads of its own reads
 * the message with pread() on prdr_transaction_message_fd() there. */
GMimeMessage *prdr_transaction_message_mime (PrdrTransaction *txn);
/* The first value of header @name (case-insensitive), raw as received
 * (folding kept as CRLF followed by white space, not decoded), or NULL
 * before the end of message. */
const char *prdr_transaction_header (PrdrTransaction *txn, const char *name);

/* ---- facts ------------------------------------------------------------- *
 * Facts are named strings a module publishes for later modules of the same
 * transaction: "spam.score" = "7.5", "spam.threshold" = "5", "virus.name".
 * A fact is about one recipient (@rcpt) or about the message (@rcpt NULL); a
 * lookup for a recipient falls back to the message-wide fact.  Names are
 * "<module>.<what>", documented by the module that publishes them. */
void prdr_transaction_fact_set (PrdrTransaction *txn, const PrdrRecipient *rcpt,
                                const char *name, const char *value);
/* Names and values are single-line text, names up to 128 octets and values
 * up to 4096 (longer ones are refused with a log line, not truncated).
 * fact_get returns a newly allocated copy (facts may be set from another
 * thread), or NULL. */
char *prdr_transaction_fact_get (PrdrTransaction *txn, const PrdrRecipient *rcpt,
                                 const char *name);

/* ---- logging ----------------------------------------------------------- */

/* prdr_transaction_log - a log line prefixed with the session id and queue
 * id, through the configured log (syslog, stderr or a file).  @level is a
 * GLogLevelFlags value: G_LOG_LEVEL_WARNING, G_LOG_LEVEL_MESSAGE,
 * G_LOG_LEVEL_INFO, G_LOG_LEVEL_DEBUG (debug only with -v). */
void prdr_transaction_log (const PrdrTransaction *txn, GLogLevelFlags level,
                           const char *format, ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS

#endif
