/*
 * mailbox.h - writing a mailbox (RFC 5322 section 3.4: [display-name]
 * "<" addr-spec ">") into a header field we build, with a display name in
 * any language (RFC 2047 encoded words, section 5 (3): whole phrase).
 *
 * Public functions: prdr_mail_mailbox_format, prdr_mail_mailbox_format_name_addr.
 * Limit: PRDR_MAIL_DISPLAY_NAME_MAX (limits.h).
 */
#ifndef PRDR_MAIL_MAILBOX_H
#define PRDR_MAIL_MAILBOX_H

#include <glib.h>

G_BEGIN_DECLS

/* prdr_mail_mailbox_format - "@address" when @name is NULL or empty, else
 * "NAME <@address>".  NAME is @name cleaned to one line of UTF-8 (no CR, LF
 * or other control character survives) and shortened to
 * PRDR_MAIL_DISPLAY_NAME_MAX octets, then written as it is when it is
 * atoms and spaces, as a quoted-string when it is other US-ASCII, and as
 * UTF-8 "Q" encoded words otherwise, which a reader decodes back to the
 * name exactly.  @address must be a valid addr-spec (not checked here). */
char *prdr_mail_mailbox_format (const char *name, const char *address);

/* prdr_mail_mailbox_format_name_addr - the same always in the name-addr
 * form (RFC 5322 section 3.4): "<@address>" without a name, and a US-ASCII
 * name always as a quoted-string ("\"Stephan Bosch\" <@address>").  The
 * auto-reply's From and To (autoreply.c) are written so, as Pigeonhole's
 * vacation writes them. */
char *prdr_mail_mailbox_format_name_addr (const char *name, const char *address);

G_END_DECLS

#endif
