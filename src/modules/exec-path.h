/*
 * exec-path.h - the [exec] program template and its %-expansion.
 *
 *   %u  the recipient's user: local part lower-cased, sub-address removed
 *       (prdr_recipient_user())
 *   %d  the recipient's domain, lower-cased
 *   %a  the whole recipient address as the client wrote it
 *   %%  a percent sign
 *
 * A value that would make an unsafe path is refused: empty, containing '/'
 * (or a NUL byte), or starting with '.' (no "..", no hidden files, no
 * escaping the directory the administrator wrote).  The result is at most
 * PRDR_EXEC_PATH_MAX octets.
 */
#ifndef PRDR_MODULES_EXEC_PATH_H
#define PRDR_MODULES_EXEC_PATH_H

#include <glib.h>

G_BEGIN_DECLS

/* prdr_exec_path_template_check - TRUE when @template is an absolute path
 * whose '%' escapes are all known.  The error message says what is wrong
 * (the caller adds the file and line). */
gboolean prdr_exec_path_template_check (const char *template, GError **error);

/* prdr_exec_path_expand - @template with the escapes replaced; NULL with
 * PRDR_MODULES_ERROR_PATH when a value used is unsafe or the result too long.
 * Values the template does not use are not checked (a template without %d
 * works for addresses without a domain). */
char *prdr_exec_path_expand (const char *template, const char *user,
                             const char *domain, const char *address,
                             GError **error);

G_END_DECLS

#endif
