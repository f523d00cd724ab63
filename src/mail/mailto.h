/*
 * mailto.h - a mailto URI (RFC 6068) as a Sieve notification method names
 * it (RFC 5436 section 2): its recipients and header fields, decoded and
 * checked, ready for building the notification.
 *
 *   mailtoURI = "mailto:" [ to ] [ hfields ]
 *   to        = addr-spec *("," addr-spec )
 *   hfields   = "?" hfield *( "&" hfield )
 *   hfield    = hfname "=" hfvalue
 *   hfname, hfvalue = *qchar   (unreserved / pct-encoded / some-delims)
 *
 * After percent-decoding: every address of the to part is an addr-spec;
 * to= and cc= values are address lists whose display names may hold
 * RFC 2047 encoded words ("=?utf-8?q?G=C3=BCnther?= <g@example.com>"), each
 * address an addr-spec; a field name is an RFC 5322 field-name; values are
 * UTF-8, one line except body, and encoded words in them are decoded
 * (RFC 6068 section 5 allows them beside percent-encoded UTF-8).  Recipients that repeat are kept once.
 * Fields RFC 5436 section 2.7 calls unsafe or that we set ourselves are
 * ignored: from, sender, bcc, auto-submitted, received, return-path,
 * message-id, date, mime-version, content-*, resent-*, x-sieve*,
 * x-priority, importance.
 *
 * Public functions: prdr_mail_mailto_parse, prdr_mail_mailto_free.
 * Limits: PRDR_MAIL_MAILTO_URI_MAX, PRDR_MAIL_MAILTO_RECIPIENTS_MAX,
 * PRDR_MAIL_MAILTO_FIELDS_MAX (limits.h).
 */
#ifndef PRDR_MAIL_MAILTO_H
#define PRDR_MAIL_MAILTO_H

#include <glib.h>

G_BEGIN_DECLS

/* PrdrMailMailtoAddress - one recipient: its addr-spec and display name
 * (decoded UTF-8, or NULL). */
typedef struct {
  char *address;
  char *name;
} PrdrMailMailtoAddress;

/* PrdrMailMailtoField - another header field of the URI: its name as
 * written and its decoded one-line value. */
typedef struct {
  char *name;
  char *value;
} PrdrMailMailtoField;

/* PrdrMailMailto - a parsed URI.
 *
 * to       PrdrMailMailtoAddress*: the to part, then the to= fields.
 * cc       PrdrMailMailtoAddress*: the cc= fields.
 * subject  the subject= field (decoded UTF-8), or NULL.
 * body     the body= field (line ends as given), or NULL.
 * fields   PrdrMailMailtoField*: the other fields, in order. */
typedef struct {
  GPtrArray *to;
  GPtrArray *cc;
  char *subject;
  char *body;
  GPtrArray *fields;
} PrdrMailMailto;

/* prdr_mail_mailto_parse - @uri parsed, or NULL with PRDR_MAIL_ERROR_INVALID
 * and a message naming the offending part (a character outside qchar, a
 * bad percent escape, an invalid or empty recipient, an invalid field
 * name, more than the limits allow).  A URI without any recipient is valid
 * (RFC 6068): it notifies nobody.  Of a repeated subject or body the first
 * is used. */
PrdrMailMailto *prdr_mail_mailto_parse (const char *uri, GError **error);

void prdr_mail_mailto_free (PrdrMailMailto *mailto);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrMailMailto, prdr_mail_mailto_free)

G_END_DECLS

#endif
