/*
 * dsn.h - building a delivery status notification for recipients that a
 * transaction accepted at RCPT but rejected after DATA (the `ndr` bounce
 * mode), as one RFC 3464 message for the envelope sender.
 *
 * The message (RFC 6522 multipart/report; report-type=delivery-status):
 *   1. text/plain: for each listed recipient its own reply ("550 5.7.1 ..."),
 *      and a note for everything we left out or shortened;
 *   2. message/delivery-status (7-bit): Reporting-MTA, Original-Envelope-Id
 *      (ENVID, xtext-decoded), Arrival-Date; per recipient Original-Recipient
 *      (ORCPT), Final-Recipient, Action: failed, Status, Diagnostic-Code;
 *   3. the original: message/rfc822 for RET=FULL up to a size limit,
 *      otherwise (RET=HDRS, RET absent, or too large) its headers as
 *      text/rfc822-headers.  Left out when no original was given.
 * Headers: From (MAILER-DAEMON@<reporting MTA> unless set), To (the envelope
 * sender), Subject, Date, Message-ID, Auto-Submitted: auto-replied
 * (RFC 3834), MIME-Version.
 *
 * Peer input (addresses, ENVID, ORCPT, reply texts, the original) is
 * hostile: no CR or LF from it reaches a header or a field.  Addresses that
 * are unusable are refused (an error); reply texts are cleaned (control
 * characters become spaces) and bounded; an ENVID or ORCPT that is not valid
 * xtext of printable US-ASCII is left out and the text part says so.
 * Non-ASCII text: the text part is UTF-8 (quoted-printable), while the 7-bit
 * delivery-status fields write non-ASCII as RFC 6533 "\x{HEX}" escapes and a
 * non-ASCII recipient address with address type "utf-8".
 *
 * Typical use (the milter at end of message):
 *
 *   if (!prdr_mail_dsn_wanted (sender, notify_of_any_rejected_rcpt)) ...
 *   g_autoptr (PrdrMailDsn) dsn = prdr_mail_dsn_new (myhostname, sender, &error);
 *   prdr_mail_dsn_set_envelope (dsn, ret_param, envid_param);
 *   prdr_mail_dsn_set_original_fd (dsn, spool_fd, spool_size, &error);
 *   for each rejected recipient:
 *     PrdrMailDsnRecipient r = { addr, notify, orcpt, "550", "5.7.1", text };
 *     prdr_mail_dsn_add_recipient (dsn, &r, &error);
 *   if (prdr_mail_dsn_recipient_count (dsn) > 0) {
 *     GMimeMessage *msg = prdr_mail_dsn_build (dsn, &error);
 *     prdr_mail_submit (sendmail, "", (const char *[]){ sender, NULL },
 *                       GMIME_OBJECT (msg), timeout_ms, &error);
 *     g_object_unref (msg);
 *   }
 *
 * Limits: PRDR_MAIL_DSN_RECIPIENTS_MAX, PRDR_MAIL_REPLY_MAX,
 * PRDR_MAIL_DSN_HEADERS_MAX, PRDR_MAIL_DSN_FULL_DEFAULT_MAX, PRDR_MAIL_ENVID_MAX,
 * PRDR_MAIL_ORCPT_MAX, PRDR_MAIL_ADDRESS_MAX (limits.h).
 */
#ifndef PRDR_MAIL_DSN_H
#define PRDR_MAIL_DSN_H

#include <glib.h>
#include <gmime/gmime.h>

#include "dsn-policy.h"

G_BEGIN_DECLS

typedef struct PrdrMailDsn PrdrMailDsn;

/* PrdrMailDsnRecipient - one rejected recipient, as given to
 * prdr_mail_dsn_add_recipient (the strings are copied).
 *
 * address        the RCPT TO address without angle brackets.
 * notify         its NOTIFY parameter, NULL when absent.
 * orcpt          its ORCPT parameter ("rfc822;bob+40example.net" in xtext),
 *                NULL when absent.
 * code           the 3-digit SMTP reply code; must be 5xx (Action: failed).
 * enhanced_code  the RFC 3463 code "5.7.1", or NULL; a missing or invalid
 *                one (not 5.x.y) gives Status 5.0.0.
 * text           the reply text, one line (anything else is cleaned). */
typedef struct {
  const char *address;
  const char *notify;
  const char *orcpt;
  const char *code;
  const char *enhanced_code;
  const char *text;
} PrdrMailDsnRecipient;

/* prdr_mail_dsn_new - start a DSN reported by @reporting_mta (our host name:
 * letters, digits, '-' and '.', at most 255 octets) for envelope sender
 * @sender (without angle brackets).  Fails with PRDR_MAIL_ERROR_NOTHING for
 * the null sender ("" or "<>") and PRDR_MAIL_ERROR_INVALID for an unusable
 * host name or address (see prdr_mail_address_check). */
PrdrMailDsn *prdr_mail_dsn_new (const char *reporting_mta, const char *sender,
                                GError **error);
void prdr_mail_dsn_free (PrdrMailDsn *dsn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrMailDsn, prdr_mail_dsn_free)

/* prdr_mail_dsn_set_from - the From address (default
 * "MAILER-DAEMON@<reporting MTA>").  FALSE with PRDR_MAIL_ERROR_INVALID for an
 * unusable address; the old one is kept. */
gboolean prdr_mail_dsn_set_from (PrdrMailDsn *dsn, const char *from, GError **error);

/* prdr_mail_dsn_set_envelope - MAIL FROM's RET and ENVID values as received
 * (NULL when absent).  RET other than FULL or HDRS counts as absent; an
 * ENVID that is not valid xtext (RFC 3461 section 4.4) is not repeated and
 * the text part says so. */
void prdr_mail_dsn_set_envelope (PrdrMailDsn *dsn, const char *ret, const char *envid);

/* prdr_mail_dsn_set_arrival_date - when the message arrived (default: when
 * the DSN was started).  The date is referenced. */
void prdr_mail_dsn_set_arrival_date (PrdrMailDsn *dsn, GDateTime *arrival);

/* prdr_mail_dsn_set_original - the original message as received (headers
 * and body, CRLF or LF line ends).  The stream is referenced and read from
 * its start by prdr_mail_dsn_build; for RET=FULL the built message keeps
 * reading it when written, so it must stay readable until the DSN has been
 * submitted.  A stream over the spool file: g_mime_stream_fs_new_with_bounds
 * (dup (fd), 0, size). */
void prdr_mail_dsn_set_original (PrdrMailDsn *dsn, GMimeStream *original);

/* prdr_mail_dsn_set_original_fd - the same from the spool file: octets 0
 * to @size of @fd, which is neither closed nor moved (it is reopened through
 * /proc/self/fd for an offset of its own, or else duplicated).  The copy
 * lives with the DSN and the built message.  FALSE with
 * PRDR_MAIL_ERROR_ORIGINAL when @fd cannot be reopened or duplicated. */
gboolean prdr_mail_dsn_set_original_fd (PrdrMailDsn *dsn, int fd, gint64 size,
                                        GError **error);

/* prdr_mail_dsn_set_full_limit - the largest original (octets) returned in
 * full for RET=FULL; larger ones get their headers returned.  Default
 * PRDR_MAIL_DSN_FULL_DEFAULT_MAX. */
void prdr_mail_dsn_set_full_limit (PrdrMailDsn *dsn, gint64 octets);

/* prdr_mail_dsn_add_recipient - report @rcpt as failed.  A recipient whose
 * NOTIFY does not include FAILURE is skipped (RFC 3461 section 4.1; TRUE is
 * still returned).  After PRDR_MAIL_DSN_RECIPIENTS_MAX listed recipients the
 * rest are only counted, and the text part says how many were not listed.
 * Fails with PRDR_MAIL_ERROR_INVALID when the address is unusable or @code
 * is not 5xx. */
gboolean prdr_mail_dsn_add_recipient (PrdrMailDsn *dsn, const PrdrMailDsnRecipient *rcpt,
                                      GError **error);

/* prdr_mail_dsn_recipient_count - how many recipients the DSN reports
 * (listed or only counted).  Zero means nothing to send. */
guint prdr_mail_dsn_recipient_count (const PrdrMailDsn *dsn);

/* prdr_mail_dsn_build - the DSN message.  Fails with PRDR_MAIL_ERROR_NOTHING
 * when no recipient is reported and PRDR_MAIL_ERROR_ORIGINAL when the
 * original cannot be read.  Can be called more than once. */
GMimeMessage *prdr_mail_dsn_build (PrdrMailDsn *dsn, GError **error);

G_END_DECLS

#endif
