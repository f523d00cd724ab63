/*
 * test-tables-odbc.c - the odbc backend on a real PostgreSQL, started by
 * odbc.sh (which exports PRDR_TEST_ODBC, the connection string, and
 * PRDR_TEST_PG_STOP / _KILL / _START / _FREEZE / _THAW, commands that stop
 * the server, kill it (immediate shutdown), start it, SIGSTOP and SIGCONT it).  The behavioural suite (tests/unit/tables/suite.c) with the
 * default statements, then what only a server can do: go away and come
 * back while the process keeps its table.  Skipped (77) without a server.
 */
#include <stdlib.h>
#include <string.h>

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

/* Threads keep working on one table while the server is killed
 * (immediate shutdown, as a crash) and started again. */
typedef struct {
  PrdrTable *table;
  gint stop;          /* set once the server is back */
  gint other_errors;  /* errors that are not "unavailable" */
  gint unavailable;
  gint recovered;     /* threads that succeeded after the restart */
} Busy;

static gpointer
busy_thread (gpointer data)
{
  Busy *busy = data;
  guint after = 0;

  for (guint i = 0; after < 20; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) values = NULL;
      gboolean stopping = g_atomic_int_get (&busy->stop);
      gboolean ok = i % 2 ? prdr_table_lookup (busy->table, "k", &values, &error)
                          : prdr_table_insert (busy->table, "busy", "x", 0, &error);

      if (stopping)
        after++;
      if (ok && stopping)
        {
          g_atomic_int_inc (&busy->recovered);
          break;
        }
      if (!ok && g_error_matches (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE))
        {
          g_atomic_int_inc (&busy->unavailable);
          g_usleep (1000);   /* not a busy loop while the server is away */
        }
      else if (!ok)
        {
          g_printerr ("unexpected: %s\n", error->message);
          g_atomic_int_inc (&busy->other_errors);
        }
    }
  return NULL;
}

static void
test_killed_mid_run (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  Busy busy = { .table = table };
  GThread *threads[4];
  g_autoptr (GError) error = NULL;

  g_assert_true (prdr_table_insert (table, "k", "v", 0, &error));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("busy", busy_thread, &busy);
  server ("PRDR_TEST_PG_KILL");
  /* Until the threads have seen the server gone, it stays gone. */
  while (g_atomic_int_get (&busy.unavailable) < (gint) G_N_ELEMENTS (threads))
    g_usleep (1000);
  server ("PRDR_TEST_PG_START");
  g_atomic_int_set (&busy.stop, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (busy.other_errors, ==, 0);
  g_assert_cmpint (busy.recovered, ==, G_N_ELEMENTS (threads));
  assert_one_value (table, "k", "v");
}

/* A server that stops answering without closing anything (a hung host)
 * does not hold the caller: "unavailable" comes back, and once the server
 * answers again so does the table. */
static void
test_frozen (void)
{
  g_autoptr (GError) error = NULL;
  PrdrTableOdbcSettings settings = {
    .connection = g_getenv ("PRDR_TEST_ODBC"), .login_timeout = 1, .query_timeout = 1,
    .retry = 0, .connections = 2,
  };
  g_autoptr (PrdrTable) table = prdr_table_odbc_new ("frozen", &settings, &error);
  gboolean recovered = FALSE;

  g_assert_true (prdr_table_insert (table, "k", "v", 0, &error));
  g_assert_no_error (error);
  server ("PRDR_TEST_PG_FREEZE");
  /* The first call is stuck in its connection, the second in connecting. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GPtrArray) values = NULL;

      g_assert_false (prdr_table_lookup (table, "k", &values, &error));
      g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE);
      g_clear_error (&error);
    }
  server ("PRDR_TEST_PG_THAW");
  /* The stuck calls finish once the server runs again; each try is bounded
   * by the timeouts, and so is the number of tries. */
  for (guint i = 0; i < 50 && !recovered; i++)
    {
      g_autoptr (GPtrArray) values = NULL;

      recovered = prdr_table_lookup (table, "k", &values, NULL) && values->len == 1;
      if (!recovered)
        g_usleep (100000);
    }
  g_assert_true (recovered);
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

/* A statement the database refuses is a failure the admin must fix, not
 * "unavailable", and says which statement and why. */
static void
test_bad_statements (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) values = NULL;
  PrdrTableOdbcSettings settings = {
    .connection = g_getenv ("PRDR_TEST_ODBC"),
    .create = "CREATE TABLE broken (",
    .login_timeout = 5, .query_timeout = 5, .connections = 1,
  };
  g_autoptr (PrdrTable) broken = prdr_table_odbc_new ("broken", &settings, &error);
  PrdrTableOdbcSettings typo = {
    .connection = g_getenv ("PRDR_TEST_ODBC"),
    .query = "SELECT value FROM no_such_table WHERE key = ? AND ? > 0",
    .login_timeout = 5, .query_timeout = 5, .connections = 1,
  };
  g_autoptr (PrdrTable) missing = prdr_table_odbc_new ("typo", &typo, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_false (prdr_table_lookup (broken, "k", &values, &error));
      g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "create: [42601]"));
      g_clear_error (&error);
    }
  g_assert_false (prdr_table_lookup (missing, "k", &values, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no_such_table"));
  g_clear_error (&error);
  /* The rest of the table works. */
  g_assert_true (prdr_table_insert (missing, "k", "v", 0, &error));
  g_assert_no_error (error);
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
  g_test_add_func ("/tables/odbc/bad-statements", test_bad_statements);
  if (g_getenv ("PRDR_TEST_PG_STOP") != NULL)
    {
      g_test_add_func ("/tables/odbc/restart", test_restart);
      g_test_add_func ("/tables/odbc/killed-mid-run", test_killed_mid_run);
      g_test_add_func ("/tables/odbc/frozen", test_frozen);
    }
  return g_test_run ();
}
