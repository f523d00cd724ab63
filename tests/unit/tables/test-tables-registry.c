/*
 * test-tables-registry.c - [table:NAME] sections as an admin writes them:
 * a table without a section is an SQLite file in the state directory, a
 * section chooses the backend, mistakes are reported with file and line,
 * tables are shared, and the expiry run reaches every open table.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "config-file.h"
#include "suite.h"
#include "tables/registry.h"

static char *state_dir;

/* load - the configuration @body after a [general] naming the state dir,
 * and the registry initialised from it (NULL config and @error set when
 * that fails). */
static PrdrConfig *
load (const char *body, GError **error)
{
  g_autofree char *text = g_strdup_printf ("[general]\nstatedir = %s\n%s", state_dir, body);
  g_autoptr (PrdrConfig) config = prdr_config_load_data ("t.conf", text, error);

  if (config == NULL || !prdr_table_registry_init (config, error))
    return NULL;
  return g_steal_pointer (&config);
}

static void
assert_config_error (const char *body, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = load (body, &error);

  g_assert_null (config);
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected an error containing \"%s\", got \"%s\"", expected, error->message);
}

static void
test_default_sqlite (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = load ("", &error);
  g_autofree char *file = g_build_filename (state_dir, "greylist.sqlite", NULL);
  PrdrTable *table, *again;
  g_autoptr (GPtrArray) values = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (config);
  table = prdr_table_open ("greylist", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prdr_table_backend_name (table), ==, "sqlite");
  g_assert_true (prdr_table_insert (table, "k", "v", 0, &error));
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  again = prdr_table_open ("greylist", &error);
  g_assert_true (again == table);
  g_assert_true (prdr_table_lookup (again, "k", &values, &error));
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_null (prdr_table_open ("Bad/Name", &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID);
  prdr_table_registry_shutdown ();
}

static void
test_sections (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_build_filename (state_dir, "elsewhere.db", NULL);
  g_autofree char *log = g_build_filename (state_dir, "decisions.log", NULL);
  g_autofree char *body = g_strdup_printf (
    "[table:gl]\nbackend = sqlite\npath = %s\n"
    "[table:decisions]\nbackend = log\ntarget = file:%s\n"
    "[table:scripts]\nbackend = sievedir\nlayout = dovecot\npath = %s/%%n/.dovecot.sieve\n"
    "[table:shared]\nbackend = odbc\nconnection = nodsn\n", db, log, state_dir);
  g_autoptr (PrdrConfig) config = load (body, &error);

  g_assert_no_error (error);
  g_assert_true (prdr_config_check_unbound (config, &error));
  g_assert_cmpstr (prdr_table_backend_name (prdr_table_open ("gl", &error)), ==, "sqlite");
  g_assert_true (prdr_table_insert (prdr_table_open ("gl", NULL), "k", "v", 0, &error));
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (prdr_table_backend_name (prdr_table_open ("decisions", &error)), ==, "log");
  g_assert_true (g_file_test (log, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (prdr_table_backend_name (prdr_table_open ("scripts", &error)), ==,
                   "sievedir");
  /* A database that is not there does not stop the table from opening. */
  g_assert_cmpstr (prdr_table_backend_name (prdr_table_open ("shared", &error)), ==, "odbc");
  g_assert_no_error (error);
  prdr_table_registry_shutdown ();
}

static void
test_mistakes (void)
{
  assert_config_error ("[table:x]\nbackend = redis\n",
                       "t.conf:4: [table:x] backend: \"redis\": use sqlite");
  assert_config_error ("[table:x]\nconnection = dsn\n",
                       "t.conf:4: [table:x] connection: not used by the sqlite backend");
  assert_config_error ("[table:x]\nbackend = odbc\n",
                       "[table:x] connection: an odbc table needs a connection");
  assert_config_error ("[table:x]\nbackend = odbc\nconnection = d\n"
                       "query = SELECT v FROM t WHERE k = '?' AND k = ?\n",
                       "t.conf:6: [table:x] query: needs exactly 2 '?' parameters");
  assert_config_error ("[table:x]\nbackend = odbc\nconnection = d\nretry = 2 weeks\n",
                       "[table:x] retry");
  assert_config_error ("[table:x]\nbackend = sievedir\n",
                       "[table:x] path: a sievedir table needs a path");
  assert_config_error ("[table:x]\nbackend = sievedir\nlayout = dovecot\npath = /h/%n\n"
                       "user = %n\n", "[table:x] user: only for layout = cyrus");
  assert_config_error ("[table:x]\nbackend = sievedir\npath = /s\nbefore = /a, b.sieve\n",
                       "[table:x] before: \"b.sieve\" is not an absolute path");
  assert_config_error ("[table:x]\nbackend = log\ntarget = /var/log/x\n",
                       "[table:x] target: \"/var/log/x\": use syslog or file:");
  assert_config_error ("[table:x]\npath = relative.sqlite\n",
                       "[table:x] path: \"relative.sqlite\" is not an absolute path");
  assert_config_error ("[table:x]\nunknown = 1\n", "[table:x] unknown: unknown key");
  assert_config_error ("[table:x]\npath = /nonexistent/dir/x.sqlite\n",
                       "t.conf:4: [table:x] path: the directory /nonexistent/dir does not");
  assert_config_error ("[table:Bad]\n", "t.conf:3: [table:Bad]: a table name");
}

static void
test_missing_statedir (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *saved = state_dir;
  g_autofree char *later = g_build_filename (saved, "later", NULL);
  g_autofree char *file = g_build_filename (later, "gl.sqlite", NULL);
  g_autoptr (PrdrConfig) config = NULL;
  PrdrTable *table;

  /* prdr-milter opens the tables (modules' instance_new) before it creates
   * [general] statedir: the table opens, works once the directory is
   * there, and its file is created by then. */
  state_dir = later;
  config = load ("", &error);
  state_dir = saved;
  g_assert_no_error (error);
  g_assert_nonnull (config);
  table = prdr_table_open ("gl", &error);
  g_assert_no_error (error);
  g_assert_false (prdr_table_insert (table, "k", "v", 0, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (g_mkdir (later, 0750), ==, 0);
  g_assert_true (prdr_table_insert (table, "k", "v", 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  prdr_table_registry_shutdown ();
  g_unlink (file);
  g_rmdir (later);
  state_dir = g_steal_pointer (&saved);
}

static void
test_double_init (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = load ("", &error);
  g_autoptr (PrdrConfig) again = NULL;

  g_assert_nonnull (config);
  again = load ("", &error);
  g_assert_null (again);
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED);
  prdr_table_registry_shutdown ();
  g_clear_error (&error);
  g_assert_null (prdr_table_open ("x", &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED);
}

static void
test_expire_all (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = load ("", &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *names[] = { "one", "two" };

  g_assert_nonnull (config);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      PrdrTable *table = prdr_table_open (names[i], &error);

      g_assert_true (prdr_table_insert (table, "k", "soon", now + 100, &error));
      g_assert_true (prdr_table_insert (table, "k", "later", now + 200, &error));
    }
  prdr_table_registry_expire (now + 150);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GPtrArray) values = NULL;

      g_assert_true (prdr_table_lookup (prdr_table_open (names[i], NULL), "k", &values, &error));
      g_assert_cmpuint (values->len, ==, 1);
      g_assert_cmpstr (values->pdata[0], ==, "later");
    }
  prdr_table_registry_shutdown ();
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  state_dir = g_dir_make_tmp ("prdr-registry-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_func ("/tables/registry/default-sqlite", test_default_sqlite);
  g_test_add_func ("/tables/registry/sections", test_sections);
  g_test_add_func ("/tables/registry/mistakes", test_mistakes);
  g_test_add_func ("/tables/registry/missing-statedir", test_missing_statedir);
  g_test_add_func ("/tables/registry/double-init", test_double_init);
  g_test_add_func ("/tables/registry/expire-all", test_expire_all);
  status = g_test_run ();
  prdr_test_tables_remove_tree (state_dir);
  g_free (state_dir);
  return status;
}
