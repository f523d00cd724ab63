/*
 * log.c - the daemon's log (log.h): syslog with facility mail, stderr, or a
 * file opened for appending.
 *
 * The log target is process-wide state, set once at start-up by
 * prdr_log_open() and read under a mutex by every thread that logs.  Each
 * line is written with one write(2) (O_APPEND for files), so lines of
 * different threads never interleave.  Text is sanitised: control characters
 * become '?', so peer input quoted in a log line cannot forge lines, and a
 * line longer than PRDR_LOG_LINE_MAX is cut and ends in "..." (marked, not
 * silent).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "error.h"
#include "limits.h"
#include "log.h"

/* The name in syslog lines and file/stderr prefixes. */
#define PRDR_LOG_IDENT "prdr-milter"
/* Permissions of a log file we create. */
#define PRDR_LOG_FILE_MODE 0640

typedef enum {
  PRDR_LOG_TARGET_STDERR,
  PRDR_LOG_TARGET_SYSLOG,
  PRDR_LOG_TARGET_FILE,
} PrdrLogTarget;

/* The log: one per process (see the top of the file). */
static struct {
  GMutex lock;            /* guards the fields below and the writes */
  PrdrLogTarget target;   /* where lines go */
  int fd;                 /* the file for PRDR_LOG_TARGET_FILE, else -1 */
  gint verbose;           /* debug lines too (read atomically) */
} prdr_log_state = { .target = PRDR_LOG_TARGET_STDERR, .fd = -1 };

static void
prdr_log_glib_handler (const char *domain, GLogLevelFlags level, const char *message,
                       gpointer data)
{
  (void) data;
  prdr_log (level, "%s%s%s", domain ? domain : "", domain ? ": " : "", message);
}

/* prdr_log_close_locked - back to stderr; the lock is held. */
static void
prdr_log_close_locked (void)
{
  if (prdr_log_state.target == PRDR_LOG_TARGET_SYSLOG)
    closelog ();
  if (prdr_log_state.fd >= 0)
    close (prdr_log_state.fd);
  prdr_log_state.fd = -1;
  prdr_log_state.target = PRDR_LOG_TARGET_STDERR;
}

gboolean
prdr_log_open (const char *spec, gboolean verbose, GError **error)
{
  PrdrLogTarget target = PRDR_LOG_TARGET_STDERR;
  int fd = -1;

  if (g_str_has_prefix (spec, "file:"))
    {
      fd = g_open (spec + strlen ("file:"), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
                   PRDR_LOG_FILE_MODE);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LOG, "%s: %s",
                       spec + strlen ("file:"), g_strerror (saved));
          return FALSE;
        }
      target = PRDR_LOG_TARGET_FILE;
    }
  else if (g_str_equal (spec, "syslog"))
    target = PRDR_LOG_TARGET_SYSLOG;
  else if (!g_str_equal (spec, "stderr"))
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LOG,
                   "log \"%s\" is not syslog, stderr or file:/path", spec);
      return FALSE;
    }
  g_mutex_lock (&prdr_log_state.lock);
  prdr_log_close_locked ();
  if (target == PRDR_LOG_TARGET_SYSLOG)
    openlog (PRDR_LOG_IDENT, LOG_PID | LOG_NDELAY, LOG_MAIL);
  prdr_log_state.target = target;
  prdr_log_state.fd = fd;
  g_atomic_int_set (&prdr_log_state.verbose, verbose);
  g_mutex_unlock (&prdr_log_state.lock);
  g_log_set_default_handler (prdr_log_glib_handler, NULL);
  return TRUE;
}

void
prdr_log_close (void)
{
  g_mutex_lock (&prdr_log_state.lock);
  prdr_log_close_locked ();
  g_mutex_unlock (&prdr_log_state.lock);
}

/* prdr_log_level_priority - the syslog priority and the word for a level. */
static int
prdr_log_level_priority (GLogLevelFlags level, const char **word)
{
  if (level & G_LOG_LEVEL_ERROR)
    return *word = "error", LOG_ERR;
  if (level & G_LOG_LEVEL_CRITICAL)
    return *word = "critical", LOG_CRIT;
  if (level & G_LOG_LEVEL_WARNING)
    return *word = "warning", LOG_WARNING;
  if (level & G_LOG_LEVEL_MESSAGE)
    return *word = "notice", LOG_NOTICE;
  if (level & G_LOG_LEVEL_INFO)
    return *word = "info", LOG_INFO;
  return *word = "debug", LOG_DEBUG;
}

/* prdr_log_sanitise - control characters to '?', cut at PRDR_LOG_LINE_MAX. */
static void
prdr_log_sanitise (GString *text)
{
  if (text->len > PRDR_LOG_LINE_MAX)
    {
      g_string_truncate (text, PRDR_LOG_LINE_MAX - 3);
      g_string_append (text, "...");
    }
  for (gsize i = 0; i < text->len; i++)
    if (g_ascii_iscntrl (text->str[i]))
      text->str[i] = '?';
}

/* prdr_log_write_fd - "TIME prdr-milter[PID]: LEVEL: TEXT\n" in one write. */
static void
prdr_log_write_fd (int fd, const char *word, const char *text)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *line = g_strdup_printf ("%s.%03dZ %s[%d]: %s: %s\n", stamp,
                                           g_date_time_get_microsecond (now) / 1000,
                                           PRDR_LOG_IDENT, (int) getpid (), word, text);
  gsize length = strlen (line);

  while (length > 0)
    {
      ssize_t n = write (fd, line + strlen (line) - length, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      length -= (gsize) n;
    }
}

void
prdr_log_valist (GLogLevelFlags level, const char *format, va_list args)
{
  g_autoptr (GString) text = NULL;
  const char *word;
  int priority = prdr_log_level_priority (level, &word);

  if (priority == LOG_DEBUG && !g_atomic_int_get (&prdr_log_state.verbose))
    return;
  text = g_string_new (NULL);
  g_string_vprintf (text, format, args);
  prdr_log_sanitise (text);
  g_mutex_lock (&prdr_log_state.lock);
  switch (prdr_log_state.target)
    {
    case PRDR_LOG_TARGET_SYSLOG:
      syslog (priority, "%s", text->str);
      break;
    case PRDR_LOG_TARGET_FILE:
      prdr_log_write_fd (prdr_log_state.fd, word, text->str);
      break;
    case PRDR_LOG_TARGET_STDERR:
      prdr_log_write_fd (STDERR_FILENO, word, text->str);
      break;
    }
  g_mutex_unlock (&prdr_log_state.lock);
}

void
prdr_log (GLogLevelFlags level, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  prdr_log_valist (level, format, args);
  va_end (args);
}
