/*
 * privileges.h - what prdr-milter does as root before it drops to
 * [general] user: directories it needs later (state, spool, pidfile's),
 * the pidfile, the unix socket's owner, then the drop itself.
 *
 *   prdr_milter_user_lookup        the target user (or "stay as we are")
 *   prdr_milter_directory_ensure   create a directory owned by the user
 *   prdr_milter_pidfile_write      the pidfile, owned by the user
 *   prdr_milter_socket_prepare     the unix socket's directory, created
 *   prdr_milter_socket_chown       the unix socket, owned by the user
 *   prdr_milter_privileges_drop    setgroups/initgroups, setgid, setuid
 */
#ifndef PRDR_MILTER_PRIVILEGES_H
#define PRDR_MILTER_PRIVILEGES_H

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

typedef struct {
  /* The user name; NULL when we keep running as we are (not root, or no
   * user configured). */
  char *name;
  uid_t uid;
  gid_t gid;
} PrdrMilterUser;

/* prdr_milter_user_lookup - @name from [general] user.  When we are not
 * root there is nothing to drop to: @user->name stays NULL (a warning is
 * logged when @name names another user). */
gboolean prdr_milter_user_lookup (const char *name, PrdrMilterUser *user, GError **error);
void prdr_milter_user_clear (PrdrMilterUser *user);

/* prdr_milter_directory_ensure - create @path (and missing parents) with
 * @mode when it is missing, owned by @user.  An existing directory is left
 * as it is. */
gboolean prdr_milter_directory_ensure (const char *path, int mode, const PrdrMilterUser *user,
                                       GError **error);

/* prdr_milter_pidfile_write - our pid into @path (its directory created as
 * above), owned by @user so that it can be removed after the drop. */
gboolean prdr_milter_pidfile_write (const char *path, const PrdrMilterUser *user,
                                    GError **error);

/* prdr_milter_socket_prepare - for "unix:/path" and "local:/path" sockets,
 * create the socket's directory as prdr_milter_directory_ensure() does
 * (libmilter creates the socket itself, not its directory). */
gboolean prdr_milter_socket_prepare (const char *spec, const PrdrMilterUser *user,
                                     GError **error);

/* prdr_milter_socket_chown - for "unix:/path" and "local:/path" sockets,
 * give the socket file to @user; other sockets are left alone. */
gboolean prdr_milter_socket_chown (const char *spec, const PrdrMilterUser *user,
                                   GError **error);

/* prdr_milter_privileges_drop - become @user for good (no-op when
 * @user->name is NULL); fails if root could be regained. */
gboolean prdr_milter_privileges_drop (const PrdrMilterUser *user, GError **error);

G_END_DECLS

#endif
