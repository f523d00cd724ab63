/*
 * sender-source.h - where the envelope sender of a message a Sieve action
 * sends (a redirected copy, a notification) comes from, as the site
 * configures it, and the facts about the triggering delivery it is taken
 * from.  The configuration words are Pigeonhole's
 * (sieve_redirect_envelope_from, sieve_notify_mailto_envelope_from):
 *
 *   ""              the action's own default (see redirect.h, notify-mailto.h)
 *   sender          the envelope sender of the triggering message
 *   recipient       its final envelope recipient
 *   orig_recipient  its original envelope recipient (RFC 3461 ORCPT)
 *   user_email      the address of the script's owner
 *   postmaster      the site's postmaster address
 *   <ADDRESS>, <>   that address, or the null sender
 *
 * Words are matched without regard to case and surrounding spaces.
 * Whatever is configured, a triggering message with the null sender gives
 * the null sender (RFC 5228 section 4.2, RFC 5436 section 2.7: no loops of
 * bounces); the actions apply that rule.
 *
 * Public functions: prdr_mail_sender_source_parse,
 * prdr_mail_sender_source_resolve, prdr_mail_origin_user.
 */
#ifndef PRDR_MAIL_SENDER_SOURCE_H
#define PRDR_MAIL_SENDER_SOURCE_H

#include <glib.h>

G_BEGIN_DECLS

/* PrdrMailOrigin - the delivery a Sieve script ran for (strings are not
 * kept).
 *
 * sender          envelope sender, "" for the null sender.
 * recipient       final envelope recipient (the script's mailbox).
 * orig_recipient  original recipient, or NULL when it is @recipient.
 * user_address    the owner's configured address, or NULL: @recipient.
 * postmaster      the site's postmaster address, or NULL. */
typedef struct {
  const char *sender;
  const char *recipient;
  const char *orig_recipient;
  const char *user_address;
  const char *postmaster;
} PrdrMailOrigin;

typedef enum {
  PRDR_MAIL_SENDER_DEFAULT,
  PRDR_MAIL_SENDER_SENDER,
  PRDR_MAIL_SENDER_RECIPIENT,
  PRDR_MAIL_SENDER_ORIG_RECIPIENT,
  PRDR_MAIL_SENDER_USER,
  PRDR_MAIL_SENDER_POSTMASTER,
  PRDR_MAIL_SENDER_EXPLICIT,
} PrdrMailSenderKind;

/* PrdrMailSenderSource - a parsed setting; @address (owned) is the
 * explicit address ("" for <>) of PRDR_MAIL_SENDER_EXPLICIT. */
typedef struct {
  PrdrMailSenderKind kind;
  char *address;
} PrdrMailSenderSource;

/* prdr_mail_sender_source_parse - @text (may be NULL: the default) into
 * *@source (cleared first).  FALSE with PRDR_MAIL_ERROR_INVALID for an
 * unknown word or an explicit address that is not an addr-spec. */
gboolean prdr_mail_sender_source_parse (const char *text, PrdrMailSenderSource *source,
                                        GError **error);

/* prdr_mail_sender_source_clear - free what *@source holds. */
void prdr_mail_sender_source_clear (PrdrMailSenderSource *source);

/* prdr_mail_sender_source_resolve - the address @source selects for
 * @origin ("" for the null sender), or NULL for PRDR_MAIL_SENDER_DEFAULT
 * and for a source @origin does not have (no postmaster configured). */
const char *prdr_mail_sender_source_resolve (const PrdrMailSenderSource *source,
                                             const PrdrMailOrigin *origin);

/* prdr_mail_origin_user - the script owner's address: the configured one,
 * else the final recipient. */
const char *prdr_mail_origin_user (const PrdrMailOrigin *origin);

G_END_DECLS

#endif
