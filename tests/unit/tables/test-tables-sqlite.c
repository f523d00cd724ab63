/*
 * test-tables-sqlite.c - the sqlite backend: the behavioural suite
 * (suite.c), plus what is particular to a file: rows outlive the process's
 * handle, and the file is created on first use.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "suite.h"
#include "tables/backend.h"

static char *test_dir;

static PrdrTable *
open_sqlite (const char *name, GError **error)
{
  g_autofree char *file = g_strdup_printf ("%s.sqlite", name);
  g_autofree char *path = g_build_filename (test_dir, file, NULL);

  return prdr_table_sqlite_new (name, path, error);
}

static void
test_persists (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) values = NULL;
  PrdrTable *table = open_sqlite ("persist", &error);

  g_assert_no_error (error);
  g_assert_true (prdr_table_insert (table, "k", "kept", 0, &error));
  prdr_table_free (table);
  table = open_sqlite ("persist", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prdr_table_backend_name (table), ==, "sqlite");
  g_assert_true (prdr_table_lookup (table, "k", &values, &error));
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_cmpstr (values->pdata[0], ==, "kept");
  prdr_table_free (table);
}

/* The file is created on first use: a directory that is missing then is
 * an error for that call, and the table works once the directory exists
 * (prdr-milter creates its state directory after the modules open their
 * tables). */
static void
test_directory_later (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_build_filename (test_dir, "later", NULL);
  g_autofree char *path = g_build_filename (dir, "t.sqlite", NULL);
  g_autoptr (PrdrTable) table = prdr_table_sqlite_new ("t", path, &error);
  g_autoptr (GPtrArray) values = NULL;

  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (prdr_table_insert (table, "k", "v", 0, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (prdr_table_insert (table, "k", "v", 0, &error));
  g_assert_no_error (error);
  g_assert_true (prdr_table_lookup (table, "k", &values, &error));
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  prdr_table_free (g_steal_pointer (&table));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("prdr-tables-XXXXXX", &error);
  g_assert_no_error (error);
  prdr_test_tables_suite_add ("sqlite", open_sqlite);
  g_test_add_func ("/tables/sqlite/persists", test_persists);
  g_test_add_func ("/tables/sqlite/directory-later", test_directory_later);
  status = g_test_run ();
  prdr_test_tables_remove_tree (test_dir);
  g_free (test_dir);
  return status;
}
