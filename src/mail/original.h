/*
 * original.h - the original message as a part of a message we send: in
 * full as message/rfc822, or its header block as text/rfc822-headers
 * (RFC 6522 section 4, RFC 3462 / RFC 6522 text/rfc822-headers).
 *
 * Public functions: prdr_mail_original_headers_part,
 * prdr_mail_original_full_part, prdr_mail_original_size.
 * Limit: PRDR_MAIL_DSN_HEADERS_MAX (limits.h).
 */
#ifndef PRDR_MAIL_ORIGINAL_H
#define PRDR_MAIL_ORIGINAL_H

#include <glib.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

/* prdr_mail_original_size - the octets in @original from its start, or -1
 * with PRDR_MAIL_ERROR_ORIGINAL when it cannot tell. */
gint64 prdr_mail_original_size (GMimeStream *original, GError **error);

/* prdr_mail_original_headers_part - a text/rfc822-headers part with the
 * header block of @original (read from its start up to the empty line),
 * with LF line ends.  A block longer than PRDR_MAIL_DSN_HEADERS_MAX is cut
 * after its last complete line within the limit and *@cut set to TRUE.
 * NULL with PRDR_MAIL_ERROR_ORIGINAL when reading fails. */
GMimeObject *prdr_mail_original_headers_part (GMimeStream *original, gboolean *cut,
                                              GError **error);

/* prdr_mail_original_full_part - a message/rfc822 part whose content is
 * @original (referenced, streamed when the part is written, CRLF turned into
 * LF), with the Content-Transfer-Encoding its content needs (7bit, 8bit, or
 * binary for NUL or lines over 998 octets: RFC 2045 section 2).  NULL with
 * PRDR_MAIL_ERROR_ORIGINAL when reading fails. */
GMimeObject *prdr_mail_original_full_part (GMimeStream *original, GError **error);

G_END_DECLS

#endif
