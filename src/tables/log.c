/*
 * log.c - the log table backend (append-only), the seed's list_log: each
 * insert becomes one line, in a file ("file:/path", opened once at start-up
 * so that it stays writable after privileges are dropped, appended with
 * O_APPEND so that several processes may share it) or in syslog with the
 * mail facility ("syslog").
 *
 * Line: [file only: "<UTC ISO 8601 time> "]<table>: key="<key>" value="<value>"
 * [" expires=<unix time>"].  Control characters, '"' and '\' are written as
 * \xHH, \" and \\, so a key or value cannot forge or split a line.
 * Nothing can be read back: lookup, remove and insert-if-absent answer
 * PRDR_TABLE_ERROR_UNSUPPORTED.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "backend.h"

typedef struct {
  char *name;       /* the table's, first on each line */
  char *path;       /* NULL: syslog */
  int fd;           /* the file, -1 for syslog */
} PrdrTableLog;

/* prdr_table_log_quote - append @text to @line as a quoted string. */
static void
prdr_table_log_quote (GString *line, const char *text)
{
  g_string_append_c (line, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (line, "\\%c", *p);
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (line, "\\x%02x", *p);
      else
        g_string_append_c (line, (char) *p);
    }
  g_string_append_c (line, '"');
}

static gboolean
prdr_table_log_insert (gpointer impl, const char *key, const char *value,
                       gint64 expires, GError **error)
{
  PrdrTableLog *self = impl;
  g_autoptr (GString) line = g_string_new (NULL);

  if (self->fd >= 0)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ ");

      g_string_append (line, stamp);
    }
  g_string_append_printf (line, "%s: key=", self->name);
  prdr_table_log_quote (line, key);
  g_string_append (line, " value=");
  prdr_table_log_quote (line, value);
  if (expires != 0)
    g_string_append_printf (line, " expires=%" G_GINT64_FORMAT, expires);
  if (self->fd < 0)
    {
      syslog (LOG_MAIL | LOG_INFO, "%s", line->str);
      return TRUE;
    }
  g_string_append_c (line, '\n');
  /* One write per line: O_APPEND keeps lines whole between writers. */
  if (write (self->fd, line->str, line->len) != (ssize_t) line->len)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED,
                   "table %s: %s: %s", self->name, self->path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static void
prdr_table_log_free (gpointer impl)
{
  PrdrTableLog *self = impl;

  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
  g_free (self->name);
  g_free (self);
}

static const PrdrTableBackend prdr_table_log_backend = {
  .name = "log",
  .insert = prdr_table_log_insert,
  .free = prdr_table_log_free,
};

PrdrTable *
prdr_table_log_new (const char *name, const char *target, GError **error)
{
  PrdrTableLog *self;
  int fd = -1;

  if (strcmp (target, "syslog") != 0
      && (!g_str_has_prefix (target, "file:") || !g_path_is_absolute (target + 5)))
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID,
                   "table %s: log target \"%s\": use syslog or file:/absolute/path",
                   name, target);
      return NULL;
    }
  if (target[0] == 'f'
      && (fd = open (target + 5, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)) < 0)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED,
                   "table %s: %s: %s", name, target + 5, g_strerror (errno));
      return NULL;
    }
  self = g_new0 (PrdrTableLog, 1);
  self->name = g_strdup (name);
  self->path = fd >= 0 ? g_strdup (target + 5) : NULL;
  self->fd = fd;
  return prdr_table_new (name, &prdr_table_log_backend, self);
}
