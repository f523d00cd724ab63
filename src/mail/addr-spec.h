/*
 * addr-spec.h - the syntax of an email address (RFC 5322 section 3.4.1
 * addr-spec, with RFC 6532 UTF-8) and its RFC 5321 section 4.1.2 Mailbox
 * form for an SMTP forward- or reverse-path.
 *
 * Public functions: prdr_mail_addr_spec_valid, prdr_mail_addr_spec_path,
 * prdr_mail_addr_spec_equal.
 * Limit: PRDR_MAIL_ADDRESS_MAX (limits.h).
 */
#ifndef PRDR_MAIL_ADDR_SPEC_H
#define PRDR_MAIL_ADDR_SPEC_H

#include <glib.h>

G_BEGIN_DECLS

/* prdr_mail_addr_spec_valid - TRUE when @address is exactly one addr-spec:
 *
 *   addr-spec  = local-part "@" domain
 *   local-part = dot-atom-text / quoted-string
 *   domain     = dot-atom-text / "[" *dtext "]"
 *
 * without the obsolete forms, comments or surrounding spaces; octets above
 * 127 must be valid UTF-8 (RFC 6532 section 3.2); control characters are
 * never allowed, not even quoted.  At most PRDR_MAIL_ADDRESS_MAX - 2 octets
 * (the path adds the angle brackets). */
gboolean prdr_mail_addr_spec_valid (const char *address);

/* prdr_mail_addr_spec_path - @address (an addr-spec) in the form an SMTP
 * path carries it (RFC 5321 section 4.1.2): a quoted local part whose
 * content is a Dot-string loses its quotes ("Sirius"@example.net is
 * Sirius@example.net), any other quoted local part is written with only
 * the backslashes it needs.  NULL when @address is not valid. */
char *prdr_mail_addr_spec_path (const char *address);

/* prdr_mail_addr_spec_equal - whether @a and @b name the same mailbox: their
 * path forms compared without regard to ASCII case.  (RFC 5321 lets the
 * local part be case-sensitive, but no deployed system makes two mailboxes
 * of one name in two cases; loop detection must not miss "Timo@" for
 * "timo@".)  FALSE when either is not valid. */
gboolean prdr_mail_addr_spec_equal (const char *a, const char *b);

G_END_DECLS

#endif
