/*
 * test-log.c - the daemon's log as an admin reads it: one line per call,
 * peer text unable to forge lines, long lines marked, debug only with -v.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "error.h"
#include "limits.h"
#include "log.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *spec = NULL;

  f->dir = g_dir_make_tmp ("prdr-log-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "prdr.log", NULL);
  spec = g_strconcat ("file:", f->path, NULL);
  g_assert_true (prdr_log_open (spec, GPOINTER_TO_INT (data), &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  prdr_log_close ();
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* log_lines - the lines written so far. */
static GStrv
log_lines (Fixture *f)
{
  g_autofree char *text = NULL;
  GStrv lines;
  guint n;

  g_assert_true (g_file_get_contents (f->path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpstr (lines[n - 1], ==, "");   /* every line ends in LF */
  g_free (lines[n - 1]);
  lines[n - 1] = NULL;
  return lines;
}

static void
test_injection (Fixture *f, gconstpointer data)
{
  g_auto (GStrv) lines = NULL;

  (void) data;
  prdr_log (G_LOG_LEVEL_MESSAGE, "rcpt=%s", "evil@example.org\r\nrcpt=forged verdict=accept");
  lines = log_lines (f);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (lines[0], ": notice: rcpt=evil@example.org??rcpt=forged"));
}

static void
test_long_line (Fixture *f, gconstpointer data)
{
  g_autofree char *long_text = g_strnfill (3 * PRDR_LOG_LINE_MAX, 'x');
  g_auto (GStrv) lines = NULL;
  const char *text;

  (void) data;
  prdr_log (G_LOG_LEVEL_WARNING, "%s", long_text);
  lines = log_lines (f);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  text = strstr (lines[0], ": warning: ") + strlen (": warning: ");
  g_assert_cmpuint (strlen (text), ==, PRDR_LOG_LINE_MAX);
  g_assert_true (g_str_has_suffix (text, "xxx..."));
}

static void
test_debug (Fixture *f, gconstpointer data)
{
  gboolean verbose = GPOINTER_TO_INT (data);
  g_auto (GStrv) lines = NULL;

  prdr_log (G_LOG_LEVEL_DEBUG, "detail");
  prdr_log (G_LOG_LEVEL_INFO, "info");
  /* GLib's own messages reach the same log */
  g_message ("from glib");
  lines = log_lines (f);
  g_assert_cmpuint (g_strv_length (lines), ==, verbose ? 3 : 2);
  g_assert_nonnull (strstr (lines[verbose ? 2 : 1], "from glib"));
  if (verbose)
    g_assert_nonnull (strstr (lines[0], ": debug: detail"));
}

static void
test_open_errors (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (prdr_log_open ("file:/nonexistent/dir/prdr.log", FALSE, &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LOG);
  g_clear_error (&error);
  g_assert_false (prdr_log_open ("journal", FALSE, &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LOG);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/log/injection", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_injection, fixture_tear_down);
  g_test_add ("/log/long-line", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_long_line, fixture_tear_down);
  g_test_add ("/log/debug-quiet", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_debug, fixture_tear_down);
  g_test_add ("/log/debug-verbose", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_debug, fixture_tear_down);
  g_test_add_func ("/log/open-errors", test_open_errors);
  return g_test_run ();
}
