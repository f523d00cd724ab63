/*
 * test-tables-odbc.c - the odbc backend on a real PostgreSQL, started by
 * odbc.sh (which exports PRDR_TEST_ODBC, the connection string, and
 * PRDR_TEST_PG_STOP / PRDR_TEST_PG_START, commands that stop and start
 * the server).  The behavioural suite (tests/unit/tables/suite.c) with the
 * default statements, then what only a server can do: go away and come
 * back while the process keeps its table.  Skipped (77) without a server.
 */
#include <stdlib.h>

#include "suite.h"
#include "tables/backend.h"

static PrdrTable *
open_odbc_with (const char *name, guint retry, GError **error)
{
  PrdrTableOdbcSettings settings = {
    .connection = g_getenv ("PRDR_TEST_ODBC"),
    .login_timeout = 5,
    .query_timeout = 10,
    .retry = retry,
    .connections = 4,
  };

  return prdr_table_odbc_new (name, &settings, error);
}

static PrdrTable *
open_odbc (const char *name, GError **error)
{
  return open_odbc_with (name, 0, error);
}

static void
server (const char *variable)
{
  g_assert_cmpint (system (g_getenv (variable)), ==, 0);
}

/* assert_unavailable - every operation fails as "unavailable". */
static void
assert_unavailable (PrdrTable *table)
{
  GError *error = NULL;
  GPtrArray *values = NULL;
  gboolean inserted = TRUE;

  g_assert_false (prdr_table_lookup (table, "k", &values, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_false (prdr_table_insert (table, "k", "while down", 0, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_false (prdr_table_insert_if_absent (table, "new", "v", 0, &inserted, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE);
  g_assert_false (inserted);
  g_clear_error (&error);
  g_assert_false (prdr_table_remove (table, "k", NULL, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_false (prdr_table_expire (table, 1, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_null (values);
}

static void
assert_one_value (PrdrTable *table, const char *key, const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) values = NULL;

  g_assert_true (prdr_table_lookup (table, key, &values, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_cmpstr (values->pdata[0], ==, value);
}

/* The server stops under a table in use: callers get "unavailable", then
 * the same table works again once the server is back. */
static void
test_restart (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  g_autoptr (PrdrTable) patient = open_odbc_with ("patient", 3600, &error);

  g_assert_no_error (error);
  g_assert_true (prdr_table_insert (table, "k", "before", 0, &error));
  g_assert_true (prdr_table_insert (patient, "k", "before", 0, &error));
  g_assert_no_error (error);
  server ("PRDR_TEST_PG_STOP");
  for (guint i = 0; i < 3; i++)
    assert_unavailable (table);
  assert_unavailable (patient);
  server ("PRDR_TEST_PG_START");
  /* Recovered on the next call, with the rows of before. */
  assert_one_value (table, "k", "before");
  g_assert_true (prdr_table_insert (table, "after", "restart", 0, &error));
  g_assert_no_error (error);
  assert_one_value (table, "after", "restart");
  /* A table with a long retry pause does not even try meanwhile. */
  assert_unavailable (patient);
}

/* No server at all at open time: the table opens (a database that is
 * merely down is not a configuration error) and reports "unavailable". */
static void
test_nowhere (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *connection = g_strdup_printf ("%s;Port=1", g_getenv ("PRDR_TEST_ODBC"));
  PrdrTableOdbcSettings settings = {
    .connection = connection, .login_timeout = 2, .query_timeout = 2,
    .retry = 0, .connections = 1,
  };
  g_autoptr (PrdrTable) table = prdr_table_odbc_new ("nowhere", &settings, &error);

  g_assert_no_error (error);
  assert_unavailable (table);
}

/* Configured statements are used as written, with ? parameters. */
static void
test_configured (void)
{
  g_autoptr (GError) error = NULL;
  PrdrTableOdbcSettings settings = {
    .connection = g_getenv ("PRDR_TEST_ODBC"),
    .create = "CREATE TABLE IF NOT EXISTS custom (k TEXT, v TEXT, e BIGINT)",
    .query = "SELECT upper(v) FROM custom WHERE k = ? AND (e = 0 OR e >= ?)",
    .insert = "INSERT INTO custom (k, v, e) VALUES (?, ?, ?)",
    .remove = "DELETE FROM custom WHERE k = ?",
    .remove_value = "DELETE FROM custom WHERE k = ? AND v = ?",
    .expire = "DELETE FROM custom WHERE e <> 0 AND e < ?",
    .login_timeout = 5, .query_timeout = 5, .connections = 1,
  };
  g_autoptr (PrdrTable) table = prdr_table_odbc_new ("custom", &settings, &error);

  g_assert_no_error (error);
  g_assert_true (prdr_table_insert (table, "k", "shouted", 0, &error));
  g_assert_no_error (error);
  assert_one_value (table, "k", "SHOUTED");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("PRDR_TEST_ODBC") == NULL)
    {
      g_print ("1..0 # SKIP no PostgreSQL: run through odbc.sh\n");
      return 77;
    }
  prdr_test_tables_suite_add ("odbc", open_odbc);
  g_test_add_func ("/tables/odbc/configured", test_configured);
  g_test_add_func ("/tables/odbc/nowhere", test_nowhere);
  if (g_getenv ("PRDR_TEST_PG_STOP") != NULL)
    g_test_add_func ("/tables/odbc/restart", test_restart);
  return g_test_run ();
}
