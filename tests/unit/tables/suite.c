/*
 * suite.c - the behavioural suite shared by every writable backend: what a
 * module sees through include/prdr/table.h, whichever backend the admin
 * chose.  Each case opens its own table (a fresh name), so cases do not see
 * each other's rows.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "suite.h"
#include "tables/backend.h"

static PrdrTestTableOpen prdr_test_open;
static guint prdr_test_counter;

PrdrTable *
prdr_test_tables_fresh (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("t%u_%d", ++prdr_test_counter,
                                           (int) getpid ());
  PrdrTable *table = prdr_test_open (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* lookup_values - the values of @key, failing the test on an error. */
static GPtrArray *
lookup_values (PrdrTable *table, const char *key)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *values = NULL;

  g_assert_true (prdr_table_lookup (table, key, &values, &error));
  g_assert_no_error (error);
  return values;
}

static void
assert_values (PrdrTable *table, const char *key, const char *const *expected)
{
  g_autoptr (GPtrArray) values = lookup_values (table, key);

  g_assert_cmpuint (values->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < values->len; i++)
    g_assert_cmpstr (values->pdata[i], ==, expected[i]);
}

static void
insert (PrdrTable *table, const char *key, const char *value, gint64 expires)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (prdr_table_insert (table, key, value, expires, &error));
  g_assert_no_error (error);
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
test_empty (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  const char *none[] = { NULL };

  assert_values (table, "nobody@example.org", none);
}

static void
test_insert_order (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  const char *abc[] = { "first", "second", "third", NULL };
  const char *other[] = { "x", NULL };

  insert (table, "k", "first", 0);
  insert (table, "other", "x", 0);
  insert (table, "k", "second", now () + 3600);
  insert (table, "k", "third", 0);
  assert_values (table, "k", abc);
  assert_values (table, "other", other);
}

static void
test_remove (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  g_autoptr (GError) error = NULL;
  const char *left[] = { "a", "c", NULL };
  const char *none[] = { NULL };
  const char *kept[] = { "z", NULL };

  insert (table, "k", "a", 0);
  insert (table, "k", "b", 0);
  insert (table, "k", "c", 0);
  insert (table, "keep", "z", 0);
  g_assert_true (prdr_table_remove (table, "k", "b", &error));
  assert_values (table, "k", left);
  g_assert_true (prdr_table_remove (table, "k", NULL, &error));
  g_assert_no_error (error);
  assert_values (table, "k", none);
  assert_values (table, "keep", kept);
}

static void
test_expired_hidden (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  const char *live[] = { "never", "later", NULL };

  insert (table, "k", "gone", now () - 100);
  insert (table, "k", "never", 0);
  insert (table, "k", "later", now () + 100);
  assert_values (table, "k", live);
}

static void
test_expire_run (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  g_autoptr (GError) error = NULL;
  gint64 t = now ();
  const char *before[] = { "soon", "never", "later", NULL };
  const char *after[] = { "never", "later", NULL };

  /* All three are live now; an expiry run as of t + 150 must remove the
   * row expiring at t + 100 only. */
  insert (table, "k", "soon", t + 100);
  insert (table, "k", "never", 0);
  insert (table, "k", "later", t + 200);
  assert_values (table, "k", before);
  g_assert_true (prdr_table_expire (table, t + 150, &error));
  g_assert_no_error (error);
  assert_values (table, "k", after);
}

static gboolean
insert_if_absent (PrdrTable *table, const char *key, const char *value,
                  gint64 expires)
{
  g_autoptr (GError) error = NULL;
  gboolean inserted = FALSE;

  g_assert_true (prdr_table_insert_if_absent (table, key, value, expires,
                                              &inserted, &error));
  g_assert_no_error (error);
  return inserted;
}

static void
test_insert_if_absent (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  const char *one[] = { "first", NULL };
  const char *renewed[] = { "new", NULL };

  g_assert_true (insert_if_absent (table, "k", "first", 0));
  g_assert_false (insert_if_absent (table, "k", "second", 0));
  assert_values (table, "k", one);
  /* An expired row does not count as present. */
  insert (table, "old", "stale", now () - 10);
  g_assert_true (insert_if_absent (table, "old", "new", now () + 60));
  assert_values (table, "old", renewed);
}

/* Text that must come back byte for byte: quotes, backslashes, every
 * control character, 8-bit UTF-8 text, and SQL that must stay data. */
static char *
hostile_text (void)
{
  GString *text = g_string_new ("it's \"quoted\" \\ back\\slash; ");

  for (int c = 1; c < 0x20; c++)
    g_string_append_c (text, (char) c);
  g_string_append_c (text, 0x7f);
  g_string_append (text, " Grüße, naïve café, Ελληνικά, 日本語, 😀 ");
  g_string_append (text, "'); DROP TABLE entries; -- x' OR '1'='1 %s %n ?");
  return g_string_free (text, FALSE);
}

static void
test_round_trip (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  g_autofree char *text = hostile_text ();
  g_autofree char *big = g_strnfill (65536, 'v');
  const char *values[] = { text, "x' OR '1'='1", big, NULL };
  const char *none[] = { NULL };

  for (guint i = 0; values[i] != NULL; i++)
    insert (table, text, values[i], 0);
  assert_values (table, text, values);
  /* The injection did not match other keys, and the table is still there. */
  assert_values (table, "x' OR '1'='1", none);
  insert (table, "x' OR '1'='1", "plain", 0);
  g_autoptr (GPtrArray) found = lookup_values (table, "x' OR '1'='1");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (found->pdata[0], ==, "plain");
}

/* assert_refused - inserting @key, @value fails as invalid. */
static void
assert_refused (PrdrTable *table, const char *key, const char *value)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (prdr_table_insert (table, key, value, 0, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID);
}

static void
test_refused (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  g_autofree char *long_key = g_strnfill (4097, 'k');
  g_autofree char *long_value = g_strnfill (65537, 'v');
  const char *none[] = { NULL };

  assert_refused (table, "k", "latin-1 \xe9t\xe9");
  assert_refused (table, "\xff\xfe", "v");
  assert_refused (table, long_key, "v");
  assert_refused (table, "k", long_value);
  assert_refused (table, "", "v");
  assert_values (table, "k", none);
}

#define RACE_THREADS 8
#define RACE_ROUNDS 30

typedef struct {
  PrdrTable *tables[2];  /* two handles on one table: two processes, MX hosts */
  guint thread;        /* the next thread's number */
  gint *winners;       /* per round */
  gint failures;
  GMutex lock;         /* the barrier: */
  GCond cond;
  guint waiting;       /* threads at the barrier */
  guint generation;    /* barrier rounds completed */
} RaceShared;

/* race_barrier - wait until every racing thread is here, so that they
 * all go for the same key at the same moment. */
static void
race_barrier (RaceShared *shared)
{
  g_mutex_lock (&shared->lock);
  guint generation = shared->generation;

  if (++shared->waiting == RACE_THREADS)
    {
      shared->waiting = 0;
      shared->generation++;
      g_cond_broadcast (&shared->cond);
    }
  while (generation == shared->generation)
    g_cond_wait (&shared->cond, &shared->lock);
  g_mutex_unlock (&shared->lock);
}

static gpointer
race_thread (gpointer data)
{
  RaceShared *shared = data;
  guint thread = g_atomic_int_add ((gint *) &shared->thread, 1);

  for (guint round = 0; round < RACE_ROUNDS; round++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *key = g_strdup_printf ("race-%u", round);
      g_autofree char *value = g_strdup_printf ("thread-%u", thread);
      gboolean inserted = FALSE;

      race_barrier (shared);
      if (!prdr_table_insert_if_absent (shared->tables[thread % 2], key, value, 0,
                                        &inserted, &error))
        {
          g_printerr ("thread %u: %s\n", thread, error->message);
          g_atomic_int_inc (&shared->failures);
        }
      if (inserted)
        g_atomic_int_inc (&shared->winners[round]);
    }
  return NULL;
}

/* Threads race to insert-if-absent the same key, half of them through a
 * second handle on the same table (its own connections, as another
 * prdr-milter process would have): each time exactly one inserts, and
 * nobody fails however the database makes the others wait or retry. */
static void
test_race (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  g_autoptr (PrdrTable) other = NULL;
  g_autoptr (GError) error = NULL;
  gint winners[RACE_ROUNDS] = { 0 };
  RaceShared shared = { .winners = winners };
  GThread *threads[RACE_THREADS];

  /* The first handle creates the schema before the second opens it. */
  g_autoptr (GPtrArray) none = lookup_values (table, "race-none");
  g_assert_cmpuint (none->len, ==, 0);
  other = prdr_test_open (prdr_table_name (table), &error);
  g_assert_no_error (error);
  shared.tables[0] = table;
  shared.tables[1] = other;

  for (guint i = 0; i < RACE_THREADS; i++)
    threads[i] = g_thread_new ("race", race_thread, &shared);
  for (guint i = 0; i < RACE_THREADS; i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (shared.failures, ==, 0);
  for (guint round = 0; round < RACE_ROUNDS; round++)
    {
      g_autofree char *key = g_strdup_printf ("race-%u", round);
      g_autoptr (GPtrArray) values = lookup_values (table, key);

      g_assert_cmpint (winners[round], ==, 1);
      g_assert_cmpuint (values->len, ==, 1);
    }
}

#define FILL_THREADS 4
#define FILL_ROWS 25

static gpointer
fill_thread (gpointer data)
{
  RaceShared *shared = data;
  guint thread = g_atomic_int_add ((gint *) &shared->thread, 1);

  for (guint i = 0; i < FILL_ROWS; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *value = g_strdup_printf ("%u-%u", thread, i);

      if (!prdr_table_insert (shared->tables[0], "shared", value, 0, &error))
        g_atomic_int_inc (&shared->failures);
    }
  return NULL;
}

static void
test_concurrent_inserts (void)
{
  g_autoptr (PrdrTable) table = prdr_test_tables_fresh ();
  RaceShared shared = { .tables = { table } };
  GThread *threads[FILL_THREADS];
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < FILL_THREADS; i++)
    threads[i] = g_thread_new ("fill", fill_thread, &shared);
  for (guint i = 0; i < FILL_THREADS; i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (shared.failures, ==, 0);
  g_autoptr (GPtrArray) values = lookup_values (table, "shared");
  for (guint i = 0; i < values->len; i++)
    g_hash_table_add (seen, values->pdata[i]);
  g_assert_cmpuint (values->len, ==, FILL_THREADS * FILL_ROWS);
  g_assert_cmpuint (g_hash_table_size (seen), ==, FILL_THREADS * FILL_ROWS);
}

void
prdr_test_tables_suite_add (const char *backend, PrdrTestTableOpen open)
{
  static const struct {
    const char *name;
    GTestFunc func;
  } cases[] = {
    { "empty", test_empty },
    { "insert-order", test_insert_order },
    { "remove", test_remove },
    { "expired-hidden", test_expired_hidden },
    { "expire-run", test_expire_run },
    { "insert-if-absent", test_insert_if_absent },
    { "round-trip", test_round_trip },
    { "refused", test_refused },
    { "race", test_race },
    { "concurrent-inserts", test_concurrent_inserts },
  };

  prdr_test_open = open;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tables/%s/%s", backend, cases[i].name);
      g_test_add_func (path, cases[i].func);
    }
}

void
prdr_test_tables_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_file_test (path, G_FILE_TEST_IS_SYMLINK)
                           ? NULL : g_dir_open (path, 0, NULL);

  for (const char *entry; dir != NULL && (entry = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *child = g_build_filename (path, entry, NULL);

      prdr_test_tables_remove_tree (child);
    }
  g_remove (path);
}
