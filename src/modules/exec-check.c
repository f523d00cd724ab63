/*
 * exec-check.c - whether a per-user program may run, and as whom.  Runs in
 * the privileged runner's handler, before every run and for every class key.
 *
 * Rules, in order (the first that applies decides):
 *   - the path does not exist (or, for an unprivileged daemon, cannot be
 *     looked up; or it is a symbolic link loop)         -> MISSING (abstain)
 *   - it is not a regular file                          -> REFUSED
 *   - no execute bit is set (a user's way to switch it off) -> MISSING
 *   - the file is writable by group or others           -> REFUSED
 *   - its directory is writable by group or others, or owned by someone
 *     other than root and the file's owner              -> REFUSED
 *   - runner is root: the program runs as the file's owner; a root-owned
 *     program is REFUSED unless [exec] allow-root = yes, and even then when
 *     it is reached through a symbolic link (a user's link to a root-owned
 *     interpreter must not run the user's mail as root); an owner without a
 *     passwd entry is REFUSED
 *   - runner is not root: it runs as the runner's own user
 * Symbolic links are resolved first (the checks and the class key use the
 * real file).  The checks are repeated by every run, after which the program
 * is executed by path with the owner's identity, so swapping the file in
 * between gains nothing that user could not do anyway.
 *
 * Limits: the lookup buffer for the passwd entry is PRDR_EXEC_PASSWD_BUFFER.
 */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec-check.h"

/* getpwuid_r() buffer: entries are a few hundred octets; this is generous
 * for long GECOS fields and home paths. */
#define PRDR_EXEC_PASSWD_BUFFER (64 * 1024)

void
prdr_exec_program_free (PrdrExecProgram *program)
{
  if (program == NULL)
    return;
  g_free (program->path);
  g_free (program->user);
  g_free (program->home);
  g_free (program);
}

/* prdr_exec_check_lookup_errno - the status for a failed realpath()/stat():
 * nothing there (or nothing we may see, or a link loop: nothing usable) is
 * MISSING, anything else FAILED. */
static PrdrExecStatus
prdr_exec_check_lookup_errno (int error_number, const char *path, char **reason)
{
  *reason = g_strdup_printf ("%s: %s", path, g_strerror (error_number));
  if (error_number == ENOENT || error_number == ENOTDIR || error_number == EACCES
      || error_number == ELOOP)
    return PRDR_EXEC_STATUS_MISSING;
  return PRDR_EXEC_STATUS_FAILED;
}

/* prdr_exec_check_directory - the rule for the program's directory. */
static gboolean
prdr_exec_check_directory (const char *path, const struct stat *file, char **reason)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;
  if (stat (dir, &st) != 0)
    {
      *reason = g_strdup_printf ("%s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    {
      *reason = g_strdup_printf ("refused %s: its directory %s is writable by "
                                 "group or others (mode %04o)", path, dir,
                                 (unsigned) (st.st_mode & 07777));
      return FALSE;
    }
  if (st.st_uid != 0 && st.st_uid != file->st_uid)
    {
      *reason = g_strdup_printf ("refused %s: its directory %s is owned by uid %u, "
                                 "neither root nor the program's owner (uid %u)",
                                 path, dir, (unsigned) st.st_uid,
                                 (unsigned) file->st_uid);
      return FALSE;
    }
  return TRUE;
}

/* prdr_exec_check_file - the rules for the file itself. */
static PrdrExecStatus
prdr_exec_check_file (const char *path, const struct stat *st, char **reason)
{
  if (!S_ISREG (st->st_mode))
    {
      *reason = g_strdup_printf ("refused %s: not a regular file", path);
      return PRDR_EXEC_STATUS_REFUSED;
    }
  if ((st->st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) == 0)
    {
      *reason = g_strdup_printf ("%s is not executable", path);
      return PRDR_EXEC_STATUS_MISSING;
    }
  if ((st->st_mode & (S_IWGRP | S_IWOTH)) != 0)
    {
      *reason = g_strdup_printf ("refused %s: writable by group or others "
                                 "(mode %04o)", path, (unsigned) (st->st_mode & 07777));
      return PRDR_EXEC_STATUS_REFUSED;
    }
  if (!prdr_exec_check_directory (path, st, reason))
    return PRDR_EXEC_STATUS_REFUSED;
  return PRDR_EXEC_STATUS_READY;
}

/* prdr_exec_check_user - fill in @program's user from the passwd entry of
 * @uid.  Without an entry an unprivileged runner still runs the program (as
 * itself, HOME=/); a privileged one refuses. */
static gboolean
prdr_exec_check_user (PrdrExecProgram *program, uid_t uid, char **reason)
{
  struct passwd pw, *found = NULL;
  g_autofree char *buffer = g_malloc (PRDR_EXEC_PASSWD_BUFFER);
  int rc = getpwuid_r (uid, &pw, buffer, PRDR_EXEC_PASSWD_BUFFER, &found);

  program->uid = uid;
  if (found != NULL)
    {
      program->gid = pw.pw_gid;
      program->user = g_strdup (pw.pw_name);
      program->home = g_strdup (pw.pw_dir);
      return TRUE;
    }
  if (geteuid () == 0)
    {
      *reason = g_strdup_printf ("refused %s: its owner uid %u has no passwd entry%s%s",
                                 program->path, (unsigned) uid, rc != 0 ? ": " : "",
                                 rc != 0 ? g_strerror (rc) : "");
      return FALSE;
    }
  program->gid = getegid ();
  program->user = g_strdup_printf ("%u", (unsigned) uid);
  program->home = g_strdup ("/");
  return TRUE;
}

PrdrExecStatus
prdr_exec_program_check (const char *path, gboolean allow_root,
                         PrdrExecProgram **program, char **reason)
{
  char resolved[PATH_MAX];
  struct stat st;

  *program = NULL;
  *reason = NULL;
  if (path[0] != '/')
    {
      *reason = g_strdup_printf ("refused %s: not an absolute path", path);
      return PRDR_EXEC_STATUS_REFUSED;
    }
  if (realpath (path, resolved) == NULL)
    return prdr_exec_check_lookup_errno (errno, path, reason);
  if (stat (resolved, &st) != 0)
    return prdr_exec_check_lookup_errno (errno, resolved, reason);
  PrdrExecStatus status = prdr_exec_check_file (resolved, &st, reason);
  if (status != PRDR_EXEC_STATUS_READY)
    return status;

  uid_t uid = geteuid () == 0 ? st.st_uid : geteuid ();
  if (uid == 0 && !allow_root)
    {
      *reason = g_strdup_printf ("refused %s: owned by root, and programs run as "
                                 "their owner; set [exec] allow-root = yes to run "
                                 "it as root", resolved);
      return PRDR_EXEC_STATUS_REFUSED;
    }
  if (uid == 0 && strcmp (path, resolved) != 0)
    {
      *reason = g_strdup_printf ("refused %s: owned by root and reached through a "
                                 "symbolic link (%s); name it directly", resolved, path);
      return PRDR_EXEC_STATUS_REFUSED;
    }
  g_autoptr (PrdrExecProgram) found = g_new0 (PrdrExecProgram, 1);
  found->path = g_strdup (resolved);
  if (!prdr_exec_check_user (found, uid, reason))
    return PRDR_EXEC_STATUS_REFUSED;
  *program = g_steal_pointer (&found);
  return PRDR_EXEC_STATUS_READY;
}
