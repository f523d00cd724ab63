/*
 * mail-error.h - the GError domain of src/mail (building and sending DSNs
 * and auto-replies).
 */
#ifndef PRDR_MAIL_ERROR_H
#define PRDR_MAIL_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

#define PRDR_MAIL_ERROR (prdr_mail_error_quark ())

/* PrdrMailError - what went wrong.
 *
 * INVALID   an argument from the peer or the configuration cannot be used
 *           (an address with control characters, a malformed xtext, a reply
 *           code that is not 5xx, a host name with spaces ...).
 * NOTHING   there is nothing to send: the sender is <> or no recipient asked
 *           for a failure notification.
 * ORIGINAL  the original message could not be read.
 * SUBMIT    the sendmail program could not be started or failed (its exit
 *           status and first output are in the message).
 * TIMEOUT   the sendmail program did not finish in time and was killed. */
typedef enum {
  PRDR_MAIL_ERROR_INVALID,
  PRDR_MAIL_ERROR_NOTHING,
  PRDR_MAIL_ERROR_ORIGINAL,
  PRDR_MAIL_ERROR_SUBMIT,
  PRDR_MAIL_ERROR_TIMEOUT,
} PrdrMailError;

GQuark prdr_mail_error_quark (void);

G_END_DECLS

#endif
