/*
 * outgoing.h - a message a Sieve action sends (a redirected copy, a
 * notification) with its envelope, built by redirect.c or notify-mailto.c
 * and handed to the MTA by the caller (prdr_mail_outgoing_submit).
 *
 * Public functions: prdr_mail_outgoing_new, prdr_mail_outgoing_free,
 * prdr_mail_outgoing_submit.
 */
#ifndef PRDR_MAIL_OUTGOING_H
#define PRDR_MAIL_OUTGOING_H

#include <glib.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

/* PrdrMailOutgoing - all owned.
 *
 * sender      envelope sender (RFC 5321 Mailbox form), "" for <>.
 * recipients  char*: envelope recipients in RFC 5321 Mailbox form, at
 *             least one.
 * message     the message. */
typedef struct {
  char *sender;
  GPtrArray *recipients;
  GMimeMessage *message;
} PrdrMailOutgoing;

/* prdr_mail_outgoing_new - an envelope for @message (referenced) with no
 * recipients yet. */
PrdrMailOutgoing *prdr_mail_outgoing_new (const char *sender, GMimeMessage *message);

void prdr_mail_outgoing_free (PrdrMailOutgoing *outgoing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrMailOutgoing, prdr_mail_outgoing_free)

/* prdr_mail_outgoing_submit - prdr_mail_submit of @outgoing through
 * @program (see submit.h) in one transaction. */
gboolean prdr_mail_outgoing_submit (const PrdrMailOutgoing *outgoing, const char *program,
                                    guint timeout_ms, GError **error);

G_END_DECLS

#endif
