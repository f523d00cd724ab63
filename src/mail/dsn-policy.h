/*
 * dsn-policy.h - whether a failure notification is wanted, from the
 * envelope: the sender, MAIL FROM's RET and each recipient's NOTIFY
 * (RFC 3461 sections 4.1 and 4.3; RFC 5321 section 6.1 for <>).
 *
 * Public functions: prdr_mail_dsn_wanted, prdr_mail_notify_parse,
 * prdr_mail_ret_parse.
 */
#ifndef PRDR_MAIL_DSN_POLICY_H
#define PRDR_MAIL_DSN_POLICY_H

#include <glib.h>

G_BEGIN_DECLS

/* PrdrMailNotify - the NOTIFY parameter of RCPT TO (RFC 3461 section 4.1),
 * as flags.  NEVER is never combined with the others. */
typedef enum {
  PRDR_MAIL_NOTIFY_NEVER = 1 << 0,
  PRDR_MAIL_NOTIFY_SUCCESS = 1 << 1,
  PRDR_MAIL_NOTIFY_FAILURE = 1 << 2,
  PRDR_MAIL_NOTIFY_DELAY = 1 << 3,
} PrdrMailNotify;

/* PrdrMailRet - what of the original a failure DSN returns (RFC 3461
 * section 4.3).  DEFAULT is RET absent, where the choice is ours: we return
 * the headers only (the smaller and safer choice for mail that goes to an
 * unverified address). */
typedef enum {
  PRDR_MAIL_RET_DEFAULT,
  PRDR_MAIL_RET_HDRS,
  PRDR_MAIL_RET_FULL,
} PrdrMailRet;

/* prdr_mail_notify_parse - "NEVER" or a comma-separated list of SUCCESS,
 * FAILURE and DELAY, case-insensitive, each at most once (RFC 3461 section
 * 4.1).  Returns FALSE with PRDR_MAIL_ERROR_INVALID for anything else. */
gboolean prdr_mail_notify_parse (const char *value, PrdrMailNotify *notify,
                                 GError **error);

/* prdr_mail_ret_parse - "FULL" or "HDRS", case-insensitive; NULL (RET
 * absent) gives PRDR_MAIL_RET_DEFAULT.  Returns FALSE with
 * PRDR_MAIL_ERROR_INVALID for anything else. */
gboolean prdr_mail_ret_parse (const char *value, PrdrMailRet *ret, GError **error);

/* prdr_mail_dsn_wanted - TRUE when a recipient's failure should be reported
 * to @sender in a DSN.  @sender is the envelope sender without angle
 * brackets ("" or "<>" is the null sender: never, RFC 5321 section 6.1 and
 * RFC 3461 section 4.1); @notify is the recipient's NOTIFY value or NULL
 * when absent (absent means FAILURE,DELAY: wanted).  Only a NOTIFY that
 * includes FAILURE wants it; NEVER or SUCCESS/DELAY alone do not.  A NOTIFY
 * that does not parse is treated as absent: the MTA has already checked its
 * syntax, and telling the sender is the side that loses nothing. */
gboolean prdr_mail_dsn_wanted (const char *sender, const char *notify);

G_END_DECLS

#endif
