/*
 * autoreply.h - building an automatic reply (Sieve vacation, RFC 5230
 * section 5; RFC 3834), and the RFC 5230 section 4.6 / RFC 3834 section 2
 * rules for when not to send one.
 *
 * The reply: From (the script owner or :from), To (the envelope sender of
 * the original), Subject (:subject, else "Auto: " and the original subject,
 * else "Automated reply"), Date, Message-ID, In-Reply-To and References
 * (RFC 5230 section 5.8, RFC 5322 section 3.6.4), Auto-Submitted:
 * auto-replied, MIME-Version, and a text/plain UTF-8 body (or, for
 * vacation :mime, the MIME entity given).  Send it with the null sender
 * (prdr_mail_submit with sender ""; RFC 5230 section 5.1).
 *
 * Peer input (the original's Subject, Message-ID and References, the
 * addresses) never puts a CR or LF into a header: subjects are cleaned to
 * one line, message ids that are not plain msg-id tokens are left out, and
 * unusable addresses are refused.
 *
 * Limits: PRDR_MAIL_SUBJECT_MAX, PRDR_MAIL_REFERENCES_MAX,
 * PRDR_MAIL_AUTOREPLY_BODY_MAX, PRDR_MAIL_ADDRESS_MAX (limits.h).
 */
#ifndef PRDR_MAIL_AUTOREPLY_H
#define PRDR_MAIL_AUTOREPLY_H

#include <glib.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

/* PrdrMailAutoreply - what the reply says (strings are not kept).
 *
 * hostname   our host name, for the Message-ID.
 * from       the From address (required).
 * from_name  its display name, or NULL.
 * to         the address replied to: the original's envelope sender.
 * subject    the Subject, or NULL for "Auto: <original subject>".
 * body       the text (UTF-8; line ends CRLF or LF), or with @mime a MIME
 *            entity (headers, blank line, body) whose headers must be 7-bit.
 * mime       TRUE for vacation :mime. */
typedef struct {
  const char *hostname;
  const char *from;
  const char *from_name;
  const char *to;
  const char *subject;
  const char *body;
  gboolean mime;
} PrdrMailAutoreply;

/* prdr_mail_autoreply_build - the reply to @original (may be NULL when the
 * message could not be parsed: no In-Reply-To then, subject
 * "Automated reply").  Fails with PRDR_MAIL_ERROR_INVALID for an unusable
 * address or host name, a body over PRDR_MAIL_AUTOREPLY_BODY_MAX, or a :mime
 * body that does not parse or has 8-bit headers. */
GMimeMessage *prdr_mail_autoreply_build (const PrdrMailAutoreply *reply,
                                         GMimeMessage *original, GError **error);

/* prdr_mail_autoreply_wanted - FALSE (and *@reason, may be NULL, set to a
 * static phrase for the log) when no automatic reply may go to @sender for
 * @original: the null sender; a sender whose local part is MAILER-DAEMON,
 * LISTSERV, majordomo, owner-* or *-request (RFC 5230 section 4.6); a
 * message with Auto-Submitted other than "no" (RFC 3834 section 2), with a
 * List-Id, List-Help, List-Subscribe, List-Unsubscribe, List-Post,
 * List-Owner or List-Archive header (RFC 5230 section 4.6), or with
 * Precedence bulk, list or junk (RFC 3834 section 2).  @original may be
 * NULL (only the sender is checked). */
gboolean prdr_mail_autoreply_wanted (const char *sender, GMimeMessage *original,
                                     const char **reason);

G_END_DECLS

#endif
