/*
 * tables-bench.c - operations per second on one table backend: inserts,
 * lookups (one thread and several), insert-if-absent.  Run by
 * bench/tables-bench.sh on SQLite and on PostgreSQL through ODBC.
 *
 *   tables-bench sqlite FILE OPS THREADS
 *   tables-bench odbc CONNECTION OPS THREADS
 * prints "<backend> <operation> <ops per second>" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tables/backend.h"

typedef struct {
  PrdrTable *table;
  guint ops;
  guint first;      /* the first key number this thread uses */
  const char *operation;
  gint failures;
} BenchJob;

static void
bench_op (BenchJob *job, guint i)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key = g_strdup_printf ("client-%u/sender-%u@example.org/rcpt@example.net",
                                          i % 100000, i);
  g_autoptr (GPtrArray) values = NULL;
  gboolean inserted, ok;

  if (strcmp (job->operation, "insert") == 0)
    ok = prdr_table_insert (job->table, key, "1700000000", 0, &error);
  else if (strcmp (job->operation, "lookup") == 0)
    ok = prdr_table_lookup (job->table, key, &values, &error) && values->len == 1;
  else
    ok = prdr_table_insert_if_absent (job->table, key, "1700000000", 0, &inserted, &error);
  if (!ok)
    job->failures++;
}

static gpointer
bench_thread (gpointer data)
{
  BenchJob *job = data;

  for (guint i = 0; i < job->ops; i++)
    bench_op (job, job->first + i);
  return NULL;
}

/* bench_run - @operation @ops times over keys [@first, @first + @ops),
 * split between @threads; prints and returns operations per second. */
static void
bench_run (const char *backend, PrdrTable *table, const char *operation,
           guint first, guint ops, guint threads)
{
  g_autofree BenchJob *jobs = g_new0 (BenchJob, threads);
  g_autofree GThread **running = g_new0 (GThread *, threads);
  gint64 start = g_get_monotonic_time ();
  gint failures = 0;
  double seconds;

  for (guint t = 0; t < threads; t++)
    {
      jobs[t] = (BenchJob) { .table = table, .ops = ops / threads,
                             .first = first + t * (ops / threads), .operation = operation };
      running[t] = g_thread_new ("bench", bench_thread, &jobs[t]);
    }
  for (guint t = 0; t < threads; t++)
    {
      g_thread_join (running[t]);
      failures += jobs[t].failures;
    }
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  printf ("%s %s%s %.0f%s\n", backend, operation, threads > 1 ? "-threads" : "",
          (ops / threads * threads) / seconds, failures ? " (FAILURES)" : "");
  if (failures)
    exit (1);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrTable) table = NULL;
  guint ops, threads;

  if (argc != 5)
    {
      fprintf (stderr, "usage: %s sqlite FILE | odbc CONNECTION, OPS THREADS\n", argv[0]);
      return 2;
    }
  ops = atoi (argv[3]);
  threads = MAX (atoi (argv[4]), 1);
  if (strcmp (argv[1], "sqlite") == 0)
    table = prdr_table_sqlite_new ("bench", argv[2], &error);
  else
    {
      PrdrTableOdbcSettings settings = {
        .connection = argv[2], .login_timeout = 5, .query_timeout = 10,
        .retry = 5, .connections = threads,
      };
      table = prdr_table_odbc_new ("bench", &settings, &error);
    }
  if (table == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  bench_run (argv[1], table, "insert", 0, ops, 1);
  bench_run (argv[1], table, "lookup", 0, ops, 1);
  bench_run (argv[1], table, "lookup", 0, ops, threads);
  bench_run (argv[1], table, "insert-if-absent", ops, ops, 1);
  return 0;
}
