/*
 * field.h - writing one "Name: value" field folded to RFC 5322 line
 * lengths, for the message/delivery-status body (RFC 3464 section 2.1.1:
 * DSN fields follow the RFC 822 rules for continuation lines).
 *
 * Public function: prdr_mail_field_append.
 * Limits: PRDR_MAIL_LINE_SOFT_MAX, PRDR_MAIL_LINE_HARD_MAX (limits.h).
 */
#ifndef PRDR_MAIL_FIELD_H
#define PRDR_MAIL_FIELD_H

#include <glib.h>

G_BEGIN_DECLS

/* prdr_mail_field_append - append "@name: @value\n" to @out, folded: a line
 * is broken before a space once it would pass PRDR_MAIL_LINE_SOFT_MAX
 * octets, and a run without spaces that would pass PRDR_MAIL_LINE_HARD_MAX
 * is broken inside (unfolding then shows one extra space there).  @value
 * must be one line (no CR or LF; see prdr_mail_text_clean); lines end in
 * LF, as GMime writes them. */
void prdr_mail_field_append (GString *out, const char *name, const char *value);

G_END_DECLS

#endif
