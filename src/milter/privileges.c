/*
 * privileges.c - preparing files as root and dropping root for good
 * (DESIGN.md, Privileges): the daemon binds its socket, forks the exec
 * module's privileged runner (in prdr_engine_start), writes its pidfile, then
 * becomes [general] user with that user's groups.  Nothing after that runs
 * with privileges.
 */
#include "privileges.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "bounce.h"
#include "log.h"

static gboolean
prdr_milter_system_error (GError **error, const char *what, const char *path)
{
  int saved = errno;

  g_set_error (error, PRDR_MILTER_ERROR, PRDR_MILTER_ERROR_SYSTEM, "%s %s: %s", what,
               path, g_strerror (saved));
  return FALSE;
}

gboolean
prdr_milter_user_lookup (const char *name, PrdrMilterUser *user, GError **error)
{
  memset (user, 0, sizeof *user);
  if (name == NULL || name[0] == '\0')
    return TRUE;
  struct passwd *pw = getpwnam (name);
  if (pw == NULL)
    {
      g_set_error (error, PRDR_MILTER_ERROR, PRDR_MILTER_ERROR_CONFIG,
                   "[general] user: no such user \"%s\"", name);
      return FALSE;
    }
  if (geteuid () != 0)
    {
      if (pw->pw_uid != geteuid ())
        prdr_log (G_LOG_LEVEL_WARNING, "not started as root: running as uid %u, not as "
                  "[general] user %s", (guint) geteuid (), name);
      return TRUE;
    }
  if (pw->pw_uid == 0)
    {
      g_set_error (error, PRDR_MILTER_ERROR, PRDR_MILTER_ERROR_CONFIG,
                   "[general] user: \"%s\" is root; name an unprivileged user", name);
      return FALSE;
    }
  user->name = g_strdup (name);
  user->uid = pw->pw_uid;
  user->gid = pw->pw_gid;
  return TRUE;
}

void
prdr_milter_user_clear (PrdrMilterUser *user)
{
  g_clear_pointer (&user->name, g_free);
}

/* prdr_milter_chown - give @path to @user (no-op without one). */
static gboolean
prdr_milter_chown (const char *path, const PrdrMilterUser *user, GError **error)
{
  if (user->name != NULL && chown (path, user->uid, user->gid) != 0)
    return prdr_milter_system_error (error, "cannot change the owner of", path);
  return TRUE;
}

gboolean
prdr_milter_directory_ensure (const char *path, int mode, const PrdrMilterUser *user,
                              GError **error)
{
  if (path == NULL || path[0] == '\0' || g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;
  if (g_mkdir_with_parents (path, mode) != 0)
    return prdr_milter_system_error (error, "cannot create directory", path);
  return prdr_milter_chown (path, user, error);
}

gboolean
prdr_milter_pidfile_write (const char *path, const PrdrMilterUser *user, GError **error)
{
  if (path == NULL || path[0] == '\0')
    return TRUE;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = g_strdup_printf ("%ld\n", (long) getpid ());
  if (!prdr_milter_directory_ensure (dir, 0755, user, error)
      || !g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                    error))
    return FALSE;
  return prdr_milter_chown (path, user, error);
}

/* prdr_milter_socket_path - the file of a unix socket spec, or NULL. */
static const char *
prdr_milter_socket_path (const char *spec)
{
  if (g_str_has_prefix (spec, "unix:"))
    return spec + strlen ("unix:");
  if (g_str_has_prefix (spec, "local:"))
    return spec + strlen ("local:");
  return NULL;
}

gboolean
prdr_milter_socket_prepare (const char *spec, const PrdrMilterUser *user, GError **error)
{
  const char *path = prdr_milter_socket_path (spec);

  if (path == NULL)
    return TRUE;
  g_autofree char *dir = g_path_get_dirname (path);
  return prdr_milter_directory_ensure (dir, 0755, user, error);
}

gboolean
prdr_milter_socket_chown (const char *spec, const PrdrMilterUser *user, GError **error)
{
  const char *path = prdr_milter_socket_path (spec);

  return path == NULL || prdr_milter_chown (path, user, error);
}

gboolean
prdr_milter_privileges_drop (const PrdrMilterUser *user, GError **error)
{
  if (user->name == NULL)
    return TRUE;
  if (initgroups (user->name, user->gid) != 0)
    return prdr_milter_system_error (error, "cannot set the groups of", user->name);
  if (setgid (user->gid) != 0)
    return prdr_milter_system_error (error, "cannot set the group of", user->name);
  if (setuid (user->uid) != 0)
    return prdr_milter_system_error (error, "cannot become", user->name);
  if (setuid (0) == 0 || geteuid () == 0)
    {
      g_set_error (error, PRDR_MILTER_ERROR, PRDR_MILTER_ERROR_SYSTEM,
                   "could regain root after becoming %s", user->name);
      return FALSE;
    }
  return TRUE;
}
