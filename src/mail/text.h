/*
 * text.h - making peer text safe to copy into a message we write: one line,
 * valid UTF-8, bounded, and its 7-bit form for DSN fields.
 *
 * Public functions: prdr_mail_text_clean, prdr_mail_text_escape,
 * prdr_mail_text_is_ascii, prdr_mail_address_check, prdr_mail_host_check.
 */
#ifndef PRDR_MAIL_TEXT_H
#define PRDR_MAIL_TEXT_H

#include <glib.h>

G_BEGIN_DECLS

/* prdr_mail_text_clean - @text (any octets) as one line of valid UTF-8 of at
 * most @max octets: invalid UTF-8 becomes U+FFFD, every control character
 * (C0 including CR, LF and TAB, DEL, C1) becomes a space, so no line break
 * and no header can come out of it.  Longer text is cut at a character
 * boundary and *@shortened (may be NULL) set to TRUE; otherwise it is left
 * alone.  Returns a newly allocated string. */
char *prdr_mail_text_clean (const char *text, gsize max, gboolean *shortened);

/* prdr_mail_text_escape - @text (valid UTF-8) in 7-bit form: every
 * character outside printable US-ASCII, and every character in @also (may
 * be NULL), is written as "\x{HEX}" with its Unicode code point in
 * upper-case hex (the EmbeddedUnicodeChar of RFC 6533 section 3).  Returns a
 * newly allocated string. */
char *prdr_mail_text_escape (const char *text, const char *also);

/* prdr_mail_text_is_ascii - TRUE when @text has only octets below 0x80. */
gboolean prdr_mail_text_is_ascii (const char *text);

/* prdr_mail_address_check - refuse an envelope address (without angle
 * brackets) that must not reach a header or an argv: empty, longer than
 * PRDR_MAIL_ADDRESS_MAX, not valid UTF-8, with a control character (CR, LF,
 * NUL ...), with '<' or '>', or starting with '-' (it would read as an
 * option).  @what names it in the error ("sender", "recipient").  Returns
 * FALSE with PRDR_MAIL_ERROR_INVALID. */
gboolean prdr_mail_address_check (const char *address, const char *what,
                                  GError **error);

/* prdr_mail_host_check - refuse a host name we put into a Message-ID, a
 * Reporting-MTA field or a From address: empty, longer than 255 octets
 * (RFC 1035 section 2.3.4), starting with '-', or with anything but letters,
 * digits, '-' and '.'.  Returns FALSE with PRDR_MAIL_ERROR_INVALID. */
gboolean prdr_mail_host_check (const char *host, GError **error);

G_END_DECLS

#endif
