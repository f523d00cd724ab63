/*
 * sievedir.c - the sievedir table backend (read-only): a recipient's active
 * Sieve script as their IMAP server's ManageSieve (RFC 5804) stored it, and
 * site-wide scripts that run before and after it.
 *
 * Layouts:
 *   cyrus    timsieved: <path>/<h>/<user>/defaultbc is a link to NAME.bc,
 *            and the script is NAME.script beside it; older versions link
 *            <path>/<h>/<user>/default to NAME.script.  <h> is the user's
 *            first letter in lower case, 'q' when it is not a letter
 *            (Cyrus's dir_hash_c); <user> is the `user` template.
 *   dovecot  <path> (a template, ~/.dovecot.sieve) is the active script: a
 *            link into the scripts directory (`sieve-dir`, default: "sieve"
 *            beside the link; ManageSieve's layout) or a plain file.
 * Templates expand %u (the whole user name), %n (before '@'), %d (after
 * '@') and %%.  Expanded names containing '/' or being "." or ".." are
 * refused, and the script's real path (links resolved) must lie inside the
 * user's directory (cyrus) or the scripts directory (dovecot): anything
 * else is refused as PRDR_TABLE_ERROR_INVALID.  A missing user, a missing
 * link or a dangling one means "no script".
 *
 * Limits: PRDR_TABLE_MAX_SCRIPT bytes per script, PRDR_TABLE_MAX_USER per
 * name, PRDR_TABLE_MAX_SITE_SCRIPTS site scripts.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "backend.h"
#include "limits.h"

typedef struct {
  char *name;                 /* the table's, for messages */
  PrdrTableSieveLayout layout;
  char *path;
  char *sieve_dir;            /* NULL: "sieve" beside the active link */
  char *user;
  char **before;
  char **after;
} PrdrTableSievedir;

/* prdr_table_sievedir_refuse - INVALID, with a message about @user. */
static gboolean
prdr_table_sievedir_refuse (PrdrTableSievedir *self, const char *user,
                            const char *why, GError **error)
{
  g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID,
               "table %s: user \"%s\": %s", self->name, user, why);
  return FALSE;
}

/* prdr_table_sievedir_part_check - @part may become a path component. */
static gboolean
prdr_table_sievedir_part_check (const char *part)
{
  return part[0] != '\0' && strchr (part, '/') == NULL && strcmp (part, ".") != 0
         && strcmp (part, "..") != 0 && strlen (part) <= PRDR_TABLE_MAX_USER;
}

/* prdr_table_sievedir_expand - @template with %u %n %d %% of @user, or
 * NULL (INVALID) when a part used is not a safe path component. */
static char *
prdr_table_sievedir_expand (PrdrTableSievedir *self, const char *template,
                            const char *user, GError **error)
{
  const char *at = strrchr (user, '@');
  g_autofree char *local = at != NULL ? g_strndup (user, at - user) : g_strdup (user);
  const char *domain = at != NULL ? at + 1 : "";
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = template; *p != '\0'; p++)
    {
      const char *part = NULL;

      if (*p != '%' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (*++p)
        {
        case 'u': part = user; break;
        case 'n': part = local; break;
        case 'd': part = domain; break;
        default: g_string_append_c (out, *p); continue;
        }
      if (!prdr_table_sievedir_part_check (part))
        {
          prdr_table_sievedir_refuse (self, user, "not usable in a file name", error);
          return NULL;
        }
      g_string_append (out, part);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* prdr_table_sievedir_inside - @real (a resolved path) is below the
 * directory @root (resolved here; a missing root contains nothing). */
static gboolean
prdr_table_sievedir_inside (const char *real, const char *root)
{
  g_autofree char *real_root = realpath (root, NULL);

  if (real_root == NULL)
    return FALSE;
  if (strcmp (real_root, "/") == 0)
    return TRUE;
  return g_str_has_prefix (real, real_root) && real[strlen (real_root)] == '/';
}

/* prdr_table_sievedir_read - the script at @real, or NULL with @error. */
static PrdrTableScript *
prdr_table_sievedir_read (PrdrTableSievedir *self, const char *real, GError **error)
{
  g_autofree char *text = NULL;
  struct stat st;
  ssize_t got = 0;
  int fd = open (real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);

  if (fd < 0 || fstat (fd, &st) < 0 || !S_ISREG (st.st_mode)
      || st.st_size > PRDR_TABLE_MAX_SCRIPT)
    {
      int saved = errno;

      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED,
                   "table %s: %s: %s", self->name, real,
                   fd < 0 ? g_strerror (saved)
                   : !S_ISREG (st.st_mode) ? "not a regular file"
                   : "larger than the script size limit");
      if (fd >= 0)
        close (fd);
      return NULL;
    }
  text = g_malloc (st.st_size + 1);
  while (got < st.st_size)
    {
      ssize_t n = read (fd, text + got, st.st_size - got);

      if (n <= 0)
        break;
      got += n;
    }
  close (fd);
  text[got] = '\0';
  PrdrTableScript *script = g_new0 (PrdrTableScript, 1);
  g_autofree char *digest =
    g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, got);
  script->path = g_strdup (real);
  script->identity = g_strconcat ("sha256:", digest, NULL);
  script->text = g_steal_pointer (&text);
  return script;
}

/* prdr_table_sievedir_resolve - in *@real, the resolved path of the script
 * @link names (a link or, when @plain_ok, the file itself), NULL when
 * @link is missing or dangles; refused when it resolves outside @root.
 * With @bytecode, a target NAME.bc stands for NAME.script (Cyrus). */
static gboolean
prdr_table_sievedir_resolve (PrdrTableSievedir *self, const char *user,
                             const char *link, const char *root, gboolean bytecode,
                             char **real, GError **error)
{
  g_autofree char *target = g_file_read_link (link, NULL);
  g_autofree char *dir = g_path_get_dirname (link);

  *real = NULL;
  if (target == NULL)
    return TRUE;
  if (bytecode && g_str_has_suffix (target, ".bc"))
    {
      g_autofree char *stem = g_strndup (target, strlen (target) - 3);

      g_free (target);
      target = g_strconcat (stem, ".script", NULL);
    }
  if (!g_path_is_absolute (target))
    {
      char *joined = g_build_filename (dir, target, NULL);

      g_free (target);
      target = joined;
    }
  *real = realpath (target, NULL);
  if (*real == NULL)
    {
      if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP)
        return TRUE;
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED,
                   "table %s: %s: %s", self->name, target, g_strerror (errno));
      return FALSE;
    }
  if (prdr_table_sievedir_inside (*real, root))
    return TRUE;
  g_clear_pointer (real, free);
  return prdr_table_sievedir_refuse (self, user, "the active script link leads"
                                     " outside the scripts directory", error);
}

/* prdr_table_sievedir_plain - a plain file at @path (not a link): *@real is
 * its resolved path, NULL when missing. */
static gboolean
prdr_table_sievedir_plain (const char *path, char **real)
{
  struct stat st;

  *real = lstat (path, &st) == 0 && S_ISREG (st.st_mode) ? realpath (path, NULL) : NULL;
  return TRUE;
}

static gboolean
prdr_table_sievedir_is_link (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0 && S_ISLNK (st.st_mode);
}

/* prdr_table_sievedir_cyrus - the active script's path in timsieved's
 * layout (defaultbc, else the older default link). */
static gboolean
prdr_table_sievedir_cyrus (PrdrTableSievedir *self, const char *user, char **real,
                           GError **error)
{
  g_autofree char *name = prdr_table_sievedir_expand (self, self->user, user, error);
  char hash[2] = { 'q', '\0' };

  if (name == NULL)
    return FALSE;
  if (g_ascii_isalpha (name[0]))
    hash[0] = g_ascii_tolower (name[0]);
  g_autofree char *dir = g_build_filename (self->path, hash, name, NULL);
  g_autofree char *defaultbc = g_build_filename (dir, "defaultbc", NULL);
  g_autofree char *fallback = g_build_filename (dir, "default", NULL);

  if (prdr_table_sievedir_is_link (defaultbc))
    return prdr_table_sievedir_resolve (self, user, defaultbc, dir, TRUE, real, error);
  if (prdr_table_sievedir_is_link (fallback))
    return prdr_table_sievedir_resolve (self, user, fallback, dir, FALSE, real, error);
  return prdr_table_sievedir_plain (fallback, real);
}

/* prdr_table_sievedir_dovecot - the active script's path: the link into
 * the scripts directory, or a plain file. */
static gboolean
prdr_table_sievedir_dovecot (PrdrTableSievedir *self, const char *user, char **real,
                             GError **error)
{
  g_autofree char *link = prdr_table_sievedir_expand (self, self->path, user, error);
  g_autofree char *root = NULL;

  if (link == NULL)
    return FALSE;
  if (!prdr_table_sievedir_is_link (link))
    return prdr_table_sievedir_plain (link, real);
  if (self->sieve_dir != NULL)
    root = prdr_table_sievedir_expand (self, self->sieve_dir, user, error);
  else
    {
      g_autofree char *home = g_path_get_dirname (link);

      root = g_build_filename (home, "sieve", NULL);
    }
  return root != NULL
         && prdr_table_sievedir_resolve (self, user, link, root, FALSE, real, error);
}

/* prdr_table_sievedir_active - @user's active script, or NULL in *@script. */
static gboolean
prdr_table_sievedir_active (PrdrTableSievedir *self, const char *user,
                            PrdrTableScript **script, GError **error)
{
  g_autofree char *real = NULL;
  gboolean ok = self->layout == PRDR_TABLE_SIEVE_CYRUS
                  ? prdr_table_sievedir_cyrus (self, user, &real, error)
                  : prdr_table_sievedir_dovecot (self, user, &real, error);

  *script = NULL;
  if (!ok || real == NULL)
    return ok;
  *script = prdr_table_sievedir_read (self, real, error);
  return *script != NULL;
}

/* prdr_table_sievedir_compare - GPtrArray sort by file name. */
static gint
prdr_table_sievedir_compare (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* prdr_table_sievedir_site - append the scripts of @paths (files, or
 * directories whose *.sieve files count in name order) to @scripts. */
static gboolean
prdr_table_sievedir_site (PrdrTableSievedir *self, char **paths, GPtrArray *scripts,
                          GError **error)
{
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GDir) dir = g_dir_open (paths[i], 0, NULL);

      for (const char *entry; dir != NULL && (entry = g_dir_read_name (dir)) != NULL;)
        if (g_str_has_suffix (entry, ".sieve"))
          g_ptr_array_add (files, g_build_filename (paths[i], entry, NULL));
      if (dir == NULL)
        g_ptr_array_add (files, g_strdup (paths[i]));
      g_ptr_array_sort (files, prdr_table_sievedir_compare);
      for (guint j = 0; j < files->len; j++)
        {
          g_autofree char *real = realpath (files->pdata[j], NULL);
          PrdrTableScript *script;

          if (scripts->len >= PRDR_TABLE_MAX_SITE_SCRIPTS)
            return prdr_table_sievedir_refuse (self, "*", "too many site scripts", error);
          script = prdr_table_sievedir_read (self, real != NULL ? real : files->pdata[j],
                                             error);
          if (script == NULL)
            return FALSE;
          g_ptr_array_add (scripts, script);
        }
    }
  return TRUE;
}

static gboolean
prdr_table_sievedir_lookup_scripts (gpointer impl, const char *user,
                                    GPtrArray *scripts, GError **error)
{
  PrdrTableSievedir *self = impl;
  PrdrTableScript *active = NULL;

  if (!prdr_table_sievedir_site (self, self->before, scripts, error)
      || !prdr_table_sievedir_active (self, user, &active, error))
    return FALSE;
  if (active != NULL)
    g_ptr_array_add (scripts, active);
  return prdr_table_sievedir_site (self, self->after, scripts, error);
}

static gboolean
prdr_table_sievedir_lookup (gpointer impl, const char *key, gint64 now,
                            GPtrArray *values, GError **error)
{
  PrdrTableScript *active = NULL;

  (void) now;
  if (!prdr_table_sievedir_active (impl, key, &active, error))
    return FALSE;
  if (active != NULL)
    {
      g_ptr_array_add (values, g_steal_pointer (&active->text));
      prdr_table_script_free (active);
    }
  return TRUE;
}

static void
prdr_table_sievedir_free (gpointer impl)
{
  PrdrTableSievedir *self = impl;

  g_free (self->name);
  g_free (self->path);
  g_free (self->sieve_dir);
  g_free (self->user);
  g_strfreev (self->before);
  g_strfreev (self->after);
  g_free (self);
}

static const PrdrTableBackend prdr_table_sievedir_backend = {
  .name = "sievedir",
  .read_only = TRUE,
  .lookup = prdr_table_sievedir_lookup,
  .lookup_scripts = prdr_table_sievedir_lookup_scripts,
  .free = prdr_table_sievedir_free,
};

/* prdr_table_sievedir_absolute - every one of @paths is absolute. */
static gboolean
prdr_table_sievedir_absolute (const char *name, const char *const *paths,
                              GError **error)
{
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    if (!g_path_is_absolute (paths[i]))
      {
        g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID,
                     "table %s: \"%s\" is not an absolute path", name, paths[i]);
        return FALSE;
      }
  return TRUE;
}

PrdrTable *
prdr_table_sievedir_new (const char *name, const PrdrTableSieveSettings *settings,
                         GError **error)
{
  const char *paths[] = { settings->path, settings->sieve_dir, NULL };
  PrdrTableSievedir *self;

  if (settings->path == NULL)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID,
                   "table %s: a sievedir table needs a path", name);
      return NULL;
    }
  if (!prdr_table_sievedir_absolute (name, paths, error)
      || !prdr_table_sievedir_absolute (name, settings->before, error)
      || !prdr_table_sievedir_absolute (name, settings->after, error))
    return NULL;
  self = g_new0 (PrdrTableSievedir, 1);
  self->name = g_strdup (name);
  self->layout = settings->layout;
  self->path = g_strdup (settings->path);
  self->sieve_dir = g_strdup (settings->sieve_dir);
  self->user = g_strdup (settings->user != NULL ? settings->user : "%u");
  self->before = g_strdupv ((char **) settings->before);
  self->after = g_strdupv ((char **) settings->after);
  return prdr_table_new (name, &prdr_table_sievedir_backend, self);
}
