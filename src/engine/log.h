/*
 * log.h - the daemon's log: syslog (facility mail), stderr or a file.
 *
 * prdr_log_open() is called once at start-up, after the configuration is
 * read; before that, and when it is never called (tests), lines go to
 * stderr.  prdr_log() may be called from any thread; each call writes one
 * whole line.  Control characters in the text (peer input quoted in a log
 * line) are written as '?', and lines longer than PRDR_LOG_LINE_MAX end in
 * "...".  GLib's own messages (g_warning and friends) go to the same place.
 */
#ifndef PRDR_ENGINE_LOG_H
#define PRDR_ENGINE_LOG_H

#include <glib.h>

G_BEGIN_DECLS

/* prdr_log_open - @spec is "syslog", "stderr" or "file:/path" (opened for
 * appending, created 0640).  With @verbose, G_LOG_LEVEL_DEBUG lines are
 * written too. */
gboolean prdr_log_open (const char *spec, gboolean verbose, GError **error);
/* prdr_log_close - back to stderr (closes the file or syslog). */
void prdr_log_close (void);

void prdr_log (GLogLevelFlags level, const char *format, ...) G_GNUC_PRINTF (2, 3);
void prdr_log_valist (GLogLevelFlags level, const char *format, va_list args)
  G_GNUC_PRINTF (2, 0);

G_END_DECLS

#endif
