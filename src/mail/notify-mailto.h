/*
 * notify-mailto.h - the message the Sieve notify action sends with the
 * mailto method (RFC 5435 section 3, RFC 5436 section 2.7), and its
 * envelope.
 *
 * The message (RFC 5436 section 2.7):
 *   From            :from when it is a valid address, else the owner
 *                   (prdr_mail_origin_user); never from the URI.
 *   To, Cc          the URI's recipients, display names kept (RFC 2047),
 *                   less those an earlier notification of the same run
 *                   reached (RFC 5436 2.7: no duplicate notifications).
 *   Subject         :message, else the URI's subject, else the original's
 *                   Subject, else "Notification of a new message".
 *   Auto-Submitted  auto-notified; owner-email="OWNER" (section 2.7.1).
 *   X-Priority, Importance  from :importance (section 2.4): 1 "1 (Highest)"
 *                   and High, 2 "3 (Normal)" and Normal, 3 "5 (Lowest)"
 *                   and Low.
 *   X-Sieve         the implementation.
 *   Date, Message-ID new (never the original's).
 *   other fields    those of the URI that mailto.h does not ignore.
 *   body            text/plain UTF-8: the URI's body, else the original's
 *                   From and Subject (RFC 5435 section 3.6).
 * The envelope: recipients as in To and Cc, in RFC 5321 Mailbox form.  The
 * sender is the null sender when the original's is (section 2.7: MUST);
 * else the configured source (sender-source.h) when one is set; else
 * :from when valid; else the postmaster; else the owner.
 *
 * No notification is made for a message with an Auto-Submitted field
 * other than "no" (section 2.7: SHOULD NOT).
 *
 * Public function: prdr_mail_notify_mailto_build.
 * Limits: PRDR_MAIL_NOTIFY_BODY_MAX, PRDR_MAIL_SUBJECT_MAX and those of
 * mailto.h (limits.h).
 */
#ifndef PRDR_MAIL_NOTIFY_MAILTO_H
#define PRDR_MAIL_NOTIFY_MAILTO_H

#include <glib.h>
#include <gmime/gmime.h>

#include "outgoing.h"
#include "sender-source.h"

G_BEGIN_DECLS

/* PrdrMailNotify - one notify action (strings are not kept).
 *
 * origin         the delivery the script ran for.
 * envelope_from  the configured sender source, or NULL.
 * hostname       our host name, for the Message-ID.
 * uri            the method: a mailto URI (mailto.h).
 * from           :from (a Sieve address, RFC 5228 2.4.2.3), or NULL.
 * message        :message, or NULL.
 * importance     :importance, 1 to 3 (0: 2). */
typedef struct {
  const PrdrMailOrigin *origin;
  const PrdrMailSenderSource *envelope_from;
  const char *hostname;
  const char *uri;
  const char *from;
  const char *message;
  int importance;
} PrdrMailNotify;

/* prdr_mail_notify_mailto_build - the notification of @original (may be
 * NULL when it did not parse) for @notify.  @notified (may be NULL) holds
 * the recipients the script run notified already, as lower-cased Mailbox
 * forms (g_str_hash, g_free keys); they are left out, and this
 * notification's are added.  Fails with PRDR_MAIL_ERROR_NOTHING when
 * @original is automatic or the URI names no recipient not notified
 * already (a URI may name none at all, RFC 6068), and
 * PRDR_MAIL_ERROR_INVALID for a URI that does not parse, a body over
 * PRDR_MAIL_NOTIFY_BODY_MAX, or an unusable host name or owner. */
PrdrMailOutgoing *prdr_mail_notify_mailto_build (const PrdrMailNotify *notify,
                                                 GMimeMessage *original,
                                                 GHashTable *notified, GError **error);

G_END_DECLS

#endif
