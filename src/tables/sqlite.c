/*
 * sqlite.c - the sqlite table backend: one SQLite file per table, the
 * default for a table without a section (<statedir>/<name>.sqlite).
 *
 * The file is opened (created) on first use, see prdr_table_sqlite_ready.
 * WAL journal (readers do not wait for the writer, several prdr-milter
 * processes may share the file), a busy timeout of PRDR_TABLE_SQLITE_BUSY_MS
 * after which the caller gets PRDR_TABLE_ERROR_UNAVAILABLE, every statement
 * prepared once and reused.  One connection per table, used under a mutex
 * (statements take microseconds); insert-if-absent runs in a
 * BEGIN IMMEDIATE transaction, so it is atomic across processes too.
 * Racers do not fail and retry as on ODBC: BEGIN IMMEDIATE takes the write
 * lock before the query, so they wait for each other, and the busy timeout
 * bounds that wait by time (SQLite's handler sleeps until it has elapsed),
 * not by a number of attempts.
 *
 * Schema: entries (id INTEGER PRIMARY KEY, key TEXT, value TEXT,
 * expires INTEGER: 0 = never), indexed on key and on expires.
 */
#include <sqlite3.h>

#include "backend.h"
#include "limits.h"

typedef enum {
  PRDR_SQLITE_LOOKUP,
  PRDR_SQLITE_EXISTS,
  PRDR_SQLITE_INSERT,
  PRDR_SQLITE_REMOVE,
  PRDR_SQLITE_REMOVE_VALUE,
  PRDR_SQLITE_EXPIRE,
  PRDR_SQLITE_BEGIN,
  PRDR_SQLITE_COMMIT,
  PRDR_SQLITE_ROLLBACK,
  PRDR_SQLITE_N_STATEMENTS
} PrdrSqliteStatement;

static const char *const prdr_sqlite_sql[PRDR_SQLITE_N_STATEMENTS] = {
  [PRDR_SQLITE_LOOKUP] = "SELECT value FROM entries WHERE key = :key"
                         " AND (expires = 0 OR expires >= :time) ORDER BY id",
  [PRDR_SQLITE_EXISTS] = "SELECT 1 FROM entries WHERE key = :key"
                         " AND (expires = 0 OR expires >= :time) LIMIT 1",
  [PRDR_SQLITE_INSERT] = "INSERT INTO entries (key, value, expires)"
                         " VALUES (:key, :value, :time)",
  [PRDR_SQLITE_REMOVE] = "DELETE FROM entries WHERE key = :key",
  [PRDR_SQLITE_REMOVE_VALUE] = "DELETE FROM entries WHERE key = :key AND value = :value",
  [PRDR_SQLITE_EXPIRE] = "DELETE FROM entries WHERE expires <> 0 AND expires < :time",
  [PRDR_SQLITE_BEGIN] = "BEGIN IMMEDIATE",
  [PRDR_SQLITE_COMMIT] = "COMMIT",
  [PRDR_SQLITE_ROLLBACK] = "ROLLBACK",
};

static const char prdr_table_sqlite_schema[] =
  "CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY,"
  " key TEXT NOT NULL, value TEXT NOT NULL, expires INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX IF NOT EXISTS entries_key ON entries (key);"
  "CREATE INDEX IF NOT EXISTS entries_expires ON entries (expires) WHERE expires <> 0;";

typedef struct {
  GMutex lock;                 /* held for every use of db and statements */
  char *path;                  /* for messages */
  sqlite3 *db;                 /* NULL: not open yet (opened on first use) */
  sqlite3_stmt *statements[PRDR_SQLITE_N_STATEMENTS];
} PrdrTableSqlite;

/* prdr_table_sqlite_fail - set @error from the connection's last error:
 * "unavailable" when another process held the lock too long. */
static gboolean
prdr_table_sqlite_fail (PrdrTableSqlite *self, int code, GError **error)
{
  int primary = code & 0xff;

  g_set_error (error, PRDR_TABLE_ERROR,
               primary == SQLITE_BUSY || primary == SQLITE_LOCKED
                 ? PRDR_TABLE_ERROR_UNAVAILABLE : PRDR_TABLE_ERROR_FAILED,
               "%s: %s", self->path,
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (code));
  return FALSE;
}

/* prdr_table_sqlite_close - back to "not open yet". */
static void
prdr_table_sqlite_close (PrdrTableSqlite *self)
{
  for (guint i = 0; i < PRDR_SQLITE_N_STATEMENTS; i++)
    g_clear_pointer (&self->statements[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
}

static void
prdr_table_sqlite_free (gpointer impl)
{
  PrdrTableSqlite *self = impl;

  prdr_table_sqlite_close (self);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self);
}

/* prdr_table_sqlite_statement - statement @which, reset, with @key,
 * @value and @time bound to :key, :value and :time where it has them. */
static sqlite3_stmt *
prdr_table_sqlite_statement (PrdrTableSqlite *self, PrdrSqliteStatement which,
                             const char *key, const char *value, gint64 time)
{
  sqlite3_stmt *statement = self->statements[which];
  int index;

  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  if ((index = sqlite3_bind_parameter_index (statement, ":key")) > 0)
    sqlite3_bind_text (statement, index, key, -1, SQLITE_STATIC);
  if ((index = sqlite3_bind_parameter_index (statement, ":value")) > 0)
    sqlite3_bind_text (statement, index, value, -1, SQLITE_STATIC);
  if ((index = sqlite3_bind_parameter_index (statement, ":time")) > 0)
    sqlite3_bind_int64 (statement, index, time);
  return statement;
}

/* prdr_table_sqlite_run - step @statement to its end. */
static gboolean
prdr_table_sqlite_run (PrdrTableSqlite *self, sqlite3_stmt *statement, GError **error)
{
  int code = sqlite3_step (statement);

  sqlite3_reset (statement);
  if (code == SQLITE_DONE || code == SQLITE_ROW)
    return TRUE;
  return prdr_table_sqlite_fail (self, code, error);
}

/* prdr_table_sqlite_setup - WAL, busy timeout, schema, statements. */
static gboolean
prdr_table_sqlite_setup (PrdrTableSqlite *self, GError **error)
{
  int code = sqlite3_busy_timeout (self->db, PRDR_TABLE_SQLITE_BUSY_MS);

  if (code == SQLITE_OK)
    code = sqlite3_exec (self->db, "PRAGMA journal_mode=WAL;"
                         "PRAGMA synchronous=NORMAL;", NULL, NULL, NULL);
  if (code == SQLITE_OK)
    code = sqlite3_exec (self->db, prdr_table_sqlite_schema, NULL, NULL, NULL);
  for (guint i = 0; code == SQLITE_OK && i < PRDR_SQLITE_N_STATEMENTS; i++)
    code = sqlite3_prepare_v3 (self->db, prdr_sqlite_sql[i], -1,
                               SQLITE_PREPARE_PERSISTENT, &self->statements[i], NULL);
  if (code != SQLITE_OK)
    return prdr_table_sqlite_fail (self, code, error);
  return TRUE;
}

/* prdr_table_sqlite_ready - open the file on first use (under the lock):
 * by then prdr-milter has created the state directory and dropped its
 * privileges, so the file belongs to the daemon's user.  A failure is
 * reported and the next call tries again. */
static gboolean
prdr_table_sqlite_ready (PrdrTableSqlite *self, GError **error)
{
  int code;

  if (self->db != NULL)
    return TRUE;
  /* NOMUTEX: self->lock serialises every use of the connection. */
  code = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE
                          | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (code == SQLITE_OK && prdr_table_sqlite_setup (self, error))
    return TRUE;
  if (code != SQLITE_OK)
    prdr_table_sqlite_fail (self, code, error);
  prdr_table_sqlite_close (self);
  return FALSE;
}

static gboolean
prdr_table_sqlite_lookup (gpointer impl, const char *key, gint64 now,
                          GPtrArray *values, GError **error)
{
  PrdrTableSqlite *self = impl;
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *statement;
  int code;

  if (!prdr_table_sqlite_ready (self, error))
    return FALSE;
  statement = prdr_table_sqlite_statement (self, PRDR_SQLITE_LOOKUP, key, NULL, now);

  while ((code = sqlite3_step (statement)) == SQLITE_ROW)
    {
      if (values->len == PRDR_TABLE_MAX_VALUES)
        {
          sqlite3_reset (statement);
          g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED,
                       "%s: more than %d values for one key", self->path,
                       PRDR_TABLE_MAX_VALUES);
          return FALSE;
        }
      g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
    }
  sqlite3_reset (statement);
  if (code != SQLITE_DONE)
    return prdr_table_sqlite_fail (self, code, error);
  return TRUE;
}

static gboolean
prdr_table_sqlite_insert (gpointer impl, const char *key, const char *value,
                          gint64 expires, GError **error)
{
  PrdrTableSqlite *self = impl;
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return prdr_table_sqlite_ready (self, error)
         && prdr_table_sqlite_run (self, prdr_table_sqlite_statement
                                     (self, PRDR_SQLITE_INSERT, key, value, expires),
                                   error);
}

/* prdr_table_sqlite_insert_new - the body of insert-if-absent, inside the
 * transaction. */
static gboolean
prdr_table_sqlite_insert_new (PrdrTableSqlite *self, const char *key,
                              const char *value, gint64 expires, gint64 now,
                              gboolean *inserted, GError **error)
{
  sqlite3_stmt *exists =
    prdr_table_sqlite_statement (self, PRDR_SQLITE_EXISTS, key, NULL, now);
  int code = sqlite3_step (exists);

  sqlite3_reset (exists);
  if (code == SQLITE_ROW)
    return TRUE;
  if (code != SQLITE_DONE)
    return prdr_table_sqlite_fail (self, code, error);
  if (!prdr_table_sqlite_run (self, prdr_table_sqlite_statement
                                (self, PRDR_SQLITE_INSERT, key, value, expires),
                              error))
    return FALSE;
  *inserted = TRUE;
  return TRUE;
}

static gboolean
prdr_table_sqlite_insert_if_absent (gpointer impl, const char *key, const char *value,
                                    gint64 expires, gint64 now, gboolean *inserted,
                                    GError **error)
{
  PrdrTableSqlite *self = impl;
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (!prdr_table_sqlite_ready (self, error)
      || !prdr_table_sqlite_run (self, self->statements[PRDR_SQLITE_BEGIN], error))
    return FALSE;
  if (!prdr_table_sqlite_insert_new (self, key, value, expires, now, inserted, error)
      || !prdr_table_sqlite_run (self, self->statements[PRDR_SQLITE_COMMIT], error))
    {
      *inserted = FALSE;
      if (sqlite3_get_autocommit (self->db) == 0)
        prdr_table_sqlite_run (self, self->statements[PRDR_SQLITE_ROLLBACK], NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
prdr_table_sqlite_remove (gpointer impl, const char *key, const char *value,
                          GError **error)
{
  PrdrTableSqlite *self = impl;
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  PrdrSqliteStatement which = value != NULL ? PRDR_SQLITE_REMOVE_VALUE
                                            : PRDR_SQLITE_REMOVE;

  return prdr_table_sqlite_ready (self, error)
         && prdr_table_sqlite_run (self, prdr_table_sqlite_statement
                                     (self, which, key, value, 0), error);
}

static gboolean
prdr_table_sqlite_expire (gpointer impl, gint64 now, GError **error)
{
  PrdrTableSqlite *self = impl;
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return prdr_table_sqlite_ready (self, error)
         && prdr_table_sqlite_run (self, prdr_table_sqlite_statement
                                     (self, PRDR_SQLITE_EXPIRE, NULL, NULL, now), error);
}

static const PrdrTableBackend prdr_table_sqlite_backend = {
  .name = "sqlite",
  .lookup = prdr_table_sqlite_lookup,
  .insert = prdr_table_sqlite_insert,
  .insert_if_absent = prdr_table_sqlite_insert_if_absent,
  .remove = prdr_table_sqlite_remove,
  .expire = prdr_table_sqlite_expire,
  .free = prdr_table_sqlite_free,
};

PrdrTable *
prdr_table_sqlite_new (const char *name, const char *path, GError **error)
{
  PrdrTableSqlite *self;

  if (path[0] == '\0')
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID,
                   "table %s: no SQLite file name", name);
      return NULL;
    }
  self = g_new0 (PrdrTableSqlite, 1);
  g_mutex_init (&self->lock);
  self->path = g_strdup (path);
  return prdr_table_new (name, &prdr_table_sqlite_backend, self);
}
