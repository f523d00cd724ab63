/*
 * original-fields.h - header fields of the message we answer (a vacation
 * reply, a notification), read the way a reply needs them: the Subject
 * decoded to one clean line, and whether the message was sent
 * automatically.
 *
 * Public functions: prdr_mail_original_subject,
 * prdr_mail_original_is_automatic.
 */
#ifndef PRDR_MAIL_ORIGINAL_FIELDS_H
#define PRDR_MAIL_ORIGINAL_FIELDS_H

#include <glib.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

/* prdr_mail_original_subject - @original's Subject (NULL: none, or
 * @original NULL) with its RFC 2047 words decoded, as one line of valid
 * UTF-8 without control characters (prdr_mail_text_clean) of at most @max
 * octets.  Newly allocated. */
char *prdr_mail_original_subject (GMimeMessage *original, gsize max);

/* prdr_mail_original_is_automatic - TRUE when @original has an
 * Auto-Submitted field whose keyword is not "no" (RFC 3834 section 5):
 * vacation (RFC 5230 section 4.6) and notifications (RFC 5436 section
 * 2.7) do not answer it.  FALSE for NULL. */
gboolean prdr_mail_original_is_automatic (GMimeMessage *original);

G_END_DECLS

#endif
