/*
 * autoreply-private.h - the parts of the auto-reply builder (autoreply.c)
 * that live in their own files: the Subject and RFC 2047 encoded words
 * (autoreply-subject.c).  Not
 * for users of src/mail: they use autoreply.h.
 */
#ifndef PRDR_MAIL_AUTOREPLY_PRIVATE_H
#define PRDR_MAIL_AUTOREPLY_PRIVATE_H

#include "autoreply.h"

G_BEGIN_DECLS

/* prdr_mail_autoreply_subject_limit - @subject (valid UTF-8) of at most
 * @max_chars characters (0: PRDR_MAIL_SUBJECT_CHARS_DEFAULT; at most
 * PRDR_MAIL_SUBJECT_CHARS_MAX), cut at a character and ending in U+2026
 * when it was longer. */
char *prdr_mail_autoreply_subject_limit (const char *subject, guint max_chars);

/* prdr_mail_autoreply_encode_words - @text (valid UTF-8, one line) as a raw
 * header value: RFC 2047 "B" encoded words of whole characters, at most 75
 * octets each, one per line, the lines joined by "\n " (folded). */
char *prdr_mail_autoreply_encode_words (const char *text);

/* prdr_mail_autoreply_set_subject - the reply's Subject (RFC 5230 section
 * 5.3) from @reply, @config (may be NULL) and @original (may be NULL). */
void prdr_mail_autoreply_set_subject (GMimeMessage *message, const PrdrMailAutoreply *reply,
                                      const PrdrMailAutoreplyConfig *config,
                                      GMimeMessage *original);

G_END_DECLS

#endif
