/*
 * submit.h - handing a message we built (a DSN, an auto-reply) to the MTA
 * through a sendmail-compatible program ([general] sendmail).
 *
 * The program runs as `PROGRAM [ARGS] -i -f SENDER -- RECIPIENT...`, without
 * a shell, with a clean environment (PATH=/usr/sbin:/usr/bin:/sbin:/bin,
 * LC_ALL=C only), no inherited descriptors but stdin (the message) and
 * stdout/stderr (kept for the error message), in its own process group, and
 * killed (the whole group) when it does not finish in time.
 *
 * The null sender is passed as `-f <>`: Postfix's, Sendmail's and Exim's
 * sendmail all take it as MAIL FROM:<> (checked with Postfix 3.7, which
 * takes `-f ''` as well).
 *
 * Public functions: prdr_mail_submit.
 * Limits: PRDR_MAIL_SUBMIT_RECIPIENTS_MAX, PRDR_MAIL_SUBMIT_OUTPUT_MAX,
 * PRDR_MAIL_ADDRESS_MAX; default timeout PRDR_MAIL_SUBMIT_DEFAULT_TIMEOUT_MS,
 * default program PRDR_MAIL_SENDMAIL_DEFAULT (limits.h).
 */
#ifndef PRDR_MAIL_SUBMIT_H
#define PRDR_MAIL_SUBMIT_H

#include <glib.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

/* prdr_mail_submit - send @message to @recipients (NULL-terminated, at least
 * one) with envelope sender @sender ("" or "<>" for the null sender, which a
 * DSN or an auto-reply must use: RFC 3464 section 4, RFC 3834 section 3.3).
 *
 * @program is the configured command line: an absolute path, optionally
 * followed by arguments in shell-like quoting that is parsed, never run by
 * a shell ("/usr/sbin/sendmail -C /etc/postfix-out"); NULL means
 * PRDR_MAIL_SENDMAIL_DEFAULT.  The message is written with LF line ends.
 * Blocks the calling thread up to @timeout_ms (0: the default).
 *
 * Addresses are checked with prdr_mail_address_check (no option-looking
 * '-' start, no CR/LF, ...); after "--" no recipient can become an option.
 * Fails with PRDR_MAIL_ERROR_INVALID for a bad program line or address,
 * PRDR_MAIL_ERROR_SUBMIT when the program cannot be started or exits other
 * than 0 (the message names the exit status and the program's first output
 * line), and PRDR_MAIL_ERROR_TIMEOUT when it was killed for taking longer. */
gboolean prdr_mail_submit (const char *program, const char *sender,
                           const char *const *recipients, GMimeObject *message,
                           guint timeout_ms, GError **error);

G_END_DECLS

#endif
