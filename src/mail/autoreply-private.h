/*
 * autoreply-private.h - the part of the auto-reply builder (autoreply.c)
 * that lives in its own file: the Subject (autoreply-subject.c).  Not
 * for users of src/mail: they use autoreply.h.
 */
#ifndef PRDR_MAIL_AUTOREPLY_PRIVATE_H
#define PRDR_MAIL_AUTOREPLY_PRIVATE_H

#include "autoreply.h"

G_BEGIN_DECLS

/* prdr_mail_autoreply_set_subject - the reply's Subject (RFC 5230 section
 * 5.3) from @reply, @config (may be NULL) and @original (may be NULL). */
void prdr_mail_autoreply_set_subject (GMimeMessage *message, const PrdrMailAutoreply *reply,
                                      const PrdrMailAutoreplyConfig *config,
                                      GMimeMessage *original);

G_END_DECLS

#endif
