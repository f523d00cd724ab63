/*
 * mail-error.c - the GError quark of src/mail.
 */
#include "mail-error.h"

G_DEFINE_QUARK (prdr-mail-error-quark, prdr_mail_error)
