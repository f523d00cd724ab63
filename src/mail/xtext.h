/*
 * xtext.h - decoding the "xtext" of the ENVID and ORCPT parameters
 * (RFC 3461 section 4) into the text a DSN repeats.
 *
 * Public functions: prdr_mail_xtext_decode, prdr_mail_orcpt_decode.
 * Limits: PRDR_MAIL_ENVID_MAX, PRDR_MAIL_ORCPT_MAX (limits.h).
 */
#ifndef PRDR_MAIL_XTEXT_H
#define PRDR_MAIL_XTEXT_H

#include <glib.h>

G_BEGIN_DECLS

/* prdr_mail_xtext_decode - the decoded value of @xtext, an esmtp-value in
 * xtext form of at most @max octets.  RFC 3461 section 4: xchar is "!".."~"
 * except "+" and "="; hexchar is "+" and two upper-case hex digits.  RFC 3461
 * sections 4.2 and 4.4 require the decoded value to be printable US-ASCII
 * (graphic characters and space), so anything else - a decoded CR or LF,
 * a control character, 8-bit octets, a malformed hexchar - is refused with
 * PRDR_MAIL_ERROR_INVALID.  Returns a newly allocated string. */
char *prdr_mail_xtext_decode (const char *xtext, gsize max, GError **error);

/* prdr_mail_orcpt_decode - split and decode an ORCPT value
 * "addr-type;xtext" (RFC 3461 section 4.2).  *@addr_type gets the address
 * type lower-cased ("rfc822", "utf-8"; an RFC 5322 atom), *@address the
 * decoded address (printable US-ASCII, as for prdr_mail_xtext_decode).  For
 * the "utf-8" type (RFC 6533) the address stays in its 7-bit form with
 * "\x{HEX}" escapes, which xtext decoding leaves unchanged.  At most
 * PRDR_MAIL_ORCPT_MAX octets.  Returns FALSE with PRDR_MAIL_ERROR_INVALID
 * otherwise. */
gboolean prdr_mail_orcpt_decode (const char *orcpt, char **addr_type,
                                 char **address, GError **error);

G_END_DECLS

#endif
