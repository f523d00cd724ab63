/*
 * test-tables-log.c - the log backend: each insert is one line in the
 * file, keys and values quoted so that they cannot split or forge lines;
 * nothing can be read back.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "suite.h"
#include "tables/backend.h"

static char *test_dir;

static void
test_file_lines (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (test_dir, "decisions.log", NULL);
  g_autofree char *target = g_strconcat ("file:", path, NULL);
  g_autoptr (PrdrTable) table = prdr_table_log_new ("decisions", target, &error);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GRegex) stamp = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ ",
                                          0, 0, NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (prdr_table_backend_name (table), ==, "log");
  g_assert_true (prdr_table_insert (table, "a@example.org", "accepted", 0, &error));
  g_assert_true (prdr_table_insert (table, "evil\nforged line", "say \"hi\" \\ \t",
                                    1700000000, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  for (guint i = 0; i < 2; i++)
    g_assert_true (g_regex_match (stamp, lines[i], 0, NULL));
  g_assert_cmpstr (lines[0] + 21, ==, "decisions: key=\"a@example.org\" value=\"accepted\"");
  g_assert_cmpstr (lines[1] + 21, ==, "decisions: key=\"evil\\x0aforged line\""
                   " value=\"say \\\"hi\\\" \\\\ \\x09\" expires=1700000000");
}

static void
test_write_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *target = g_strdup_printf ("file:%s/w.log", test_dir);
  g_autoptr (PrdrTable) table = prdr_table_log_new ("w", target, &error);
  g_autoptr (GPtrArray) values = NULL;
  gboolean inserted = TRUE;

  g_assert_false (prdr_table_lookup (table, "k", &values, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_false (prdr_table_insert_if_absent (table, "k", "v", 0, &inserted, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNSUPPORTED);
  g_assert_false (inserted);
  g_clear_error (&error);
  g_assert_false (prdr_table_remove (table, "k", NULL, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_true (prdr_table_expire (table, 0, &error));
}

static void
test_bad_targets (void)
{
  const char *targets[] = { "file:relative.log", "/var/log/x", "syslog:mail", "" };
  g_autofree char *unwritable = g_strdup_printf ("file:%s/no/such/dir.log", test_dir);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (prdr_table_log_new ("l", targets[i], &error));
      g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID);
    }
  g_autoptr (GError) error = NULL;
  g_assert_null (prdr_table_log_new ("l", unwritable, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("prdr-log-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_func ("/tables/log/file-lines", test_file_lines);
  g_test_add_func ("/tables/log/write-only", test_write_only);
  g_test_add_func ("/tables/log/bad-targets", test_bad_targets);
  status = g_test_run ();
  prdr_test_tables_remove_tree (test_dir);
  g_free (test_dir);
  return status;
}
