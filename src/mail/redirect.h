/*
 * redirect.h - the copy of a message that the Sieve redirect action sends
 * (RFC 5228 section 4.2), and its envelope.
 *
 * The copy is the message as the script left it (the caller passes it
 * with any editheader changes applied, RFC 5293 section 3), with
 * Return-Path removed (RFC 5321 section 4.4: it is added at final
 * delivery, and the copy is not delivered yet) and
 * "X-Sieve-Redirected-From: OWNER" put on top, OWNER being the script
 * owner's address (prdr_mail_origin_user).  Hostile header fields are made
 * safe to send: a carriage return that does not end a line (RFC 5322
 * section 2.2 allows CR only in CRLF) becomes a space, and a field with a
 * NUL octet ends there (the rest of that line is lost, the fields after it
 * stay apart); the body is left alone.  Earlier
 * X-Sieve-Redirected-From fields are kept: they are how a loop through
 * several redirecting mailboxes is seen.
 *
 * The envelope: the forward-path is the target in RFC 5321 Mailbox form
 * ("Sirius"@example.net goes to Sirius@example.net).  The reverse-path is
 * the null sender when the original's is null (RFC 5228 section 4.2: "if
 * the message being processed has an empty envelope sender address the
 * outgoing message MUST also have an empty envelope sender address"), else
 * what the configured source selects (sender-source.h), by default the
 * original's sender.
 *
 * Loops (RFC 5228 section 4.2 asks implementations to prevent them): a
 * message that carries an X-Sieve-Redirected-From field naming the owner or
 * the final recipient was redirected by this mailbox before and is not
 * redirected again; neither is one with more than
 * PRDR_MAIL_REDIRECT_HOPS_MAX such fields.  The caller then keeps the
 * message instead (a redirect not made must not lose it).
 *
 * Public function: prdr_mail_redirect_build.
 * Limits: PRDR_MAIL_REDIRECT_HOPS_MAX, PRDR_MAIL_ADDRESS_MAX (limits.h).
 */
#ifndef PRDR_MAIL_REDIRECT_H
#define PRDR_MAIL_REDIRECT_H

#include <glib.h>
#include <gmime/gmime.h>

#include "outgoing.h"
#include "sender-source.h"

G_BEGIN_DECLS

/* PrdrMailRedirect - one redirect action (strings are not kept).
 *
 * origin         the delivery the script ran for.
 * envelope_from  the configured sender source, or NULL: the original's.
 * to             the target address (an addr-spec, quoted or not). */
typedef struct {
  const PrdrMailOrigin *origin;
  const PrdrMailSenderSource *envelope_from;
  const char *to;
} PrdrMailRedirect;

/* prdr_mail_redirect_build - the copy of @message (read from its start)
 * for @redirect.  Fails with PRDR_MAIL_ERROR_NOTHING when the message
 * loops (the message says which field showed it), PRDR_MAIL_ERROR_INVALID
 * for a target or sender that is not an address, and
 * PRDR_MAIL_ERROR_ORIGINAL when @message does not parse. */
PrdrMailOutgoing *prdr_mail_redirect_build (const PrdrMailRedirect *redirect,
                                            GMimeStream *message, GError **error);

G_END_DECLS

#endif
