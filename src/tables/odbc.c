/*
 * odbc.c - the odbc table backend: any SQL database through unixODBC, with
 * defaults that work on PostgreSQL without writing SQL.
 *
 * Statements are configurable and always parameterised with '?'; key and
 * value are bound as wide text (UTF-16, so the driver's idea of the locale
 * does not matter), times as 64-bit integers.  Parameters, in order:
 *   query   key, now       -> value rows, oldest first (unexpired only)
 *   insert  key, value, expires
 *   remove  key            remove-value  key, value
 *   expire  now            (delete rows with 0 < expires < now)
 * insert-if-absent runs query then insert in one SERIALIZABLE transaction
 * (connections use that isolation level); the database aborts all but one
 * of racing writers (SQLSTATE 40001/40P01) and the losers retry and find
 * the row.  They retry after a short random pause, for as long as the
 * caller waits (login + query timeout), not a fixed number of times (see
 * limits.h).  Not a single "INSERT ... ON CONFLICT DO NOTHING": that needs
 * a unique constraint on key, but a key may hold several values (insert
 * appends) and an expired row still holds its key until the expiry run
 * deletes it, so "absent" is "no unexpired row", a predicate only the
 * configured query statement knows; SERIALIZABLE makes query + insert
 * atomic for any statements the admin configures, on any database that
 * implements that level.
 * Connections: a pool of PrdrTableOdbcSettings.connections, each with its
 * statements prepared once.  A connection that fails is dropped;
 * the next use reconnects (so the table recovers when the database comes
 * back, without restarting prdr-milter).  Bounded waits: login timeout,
 * query timeout, a wait for a free connection of at most the query timeout,
 * and after a failed connection attempt no new attempt for `retry` seconds
 * (callers get PRDR_TABLE_ERROR_UNAVAILABLE at once meanwhile).  Drivers
 * do not bound everything (psqlODBC's query timeout is the server's
 * statement_timeout: a frozen server or a lost packet blocks its read), so
 * each operation runs in a worker thread and the caller waits for it at
 * most login timeout + query timeout, then gets "unavailable"; the worker's
 * connection is dropped once the driver returns.
 *
 * Limits: PRDR_TABLE_MAX_VALUE per fetched value, PRDR_TABLE_MAX_VALUES per
 * lookup; retries of a transaction within the caller's wait.
 */
#include <stdint.h>
#include <string.h>

#include <sql.h>
#include <sqlext.h>

#include "backend.h"
#include "limits.h"
#include "log.h"

typedef enum {
  PRDR_ODBC_QUERY,
  PRDR_ODBC_INSERT,
  PRDR_ODBC_REMOVE,
  PRDR_ODBC_REMOVE_VALUE,
  PRDR_ODBC_EXPIRE,
  PRDR_ODBC_N_STATEMENTS
} PrdrOdbcStatement;

typedef struct {
  SQLHDBC dbc;                                   /* NULL: not connected */
  SQLHSTMT statements[PRDR_ODBC_N_STATEMENTS];   /* prepared on first use */
  gboolean conflict;   /* the last failure was a serialization failure */
} PrdrOdbcConnection;

typedef struct {
  char *name;                               /* for messages */
  char *connection;                         /* the connection string */
  char *create;                             /* "" : none */
  char *sql[PRDR_ODBC_N_STATEMENTS];
  guint login_timeout, query_timeout, retry;
  SQLHENV env;
  PrdrOdbcConnection *pool;                 /* n_pool connections */
  guint n_pool;
  GAsyncQueue *idle;                        /* the pool's free connections */
  GMutex lock;                              /* guards the two fields below */
  gint64 next_attempt;                      /* monotonic; after a failed connect */
  gboolean schema_ready;                    /* create ran successfully */
  GThreadPool *workers;                     /* run the jobs, n_pool at most */
  GMutex jobs_lock;                         /* guards the jobs' done/abandoned */
  GCond finished;                           /* a job is done */
  gint stuck;                               /* abandoned jobs not finished */
} PrdrTableOdbc;

/* A parameter to bind: text (UTF-16, converted) or an integer. */
typedef struct {
  const char *text;   /* NULL: the integer */
  gint64 number;
} PrdrOdbcParam;

/* prdr_table_odbc_sqlstate_unavailable - states meaning "the database
 * cannot be reached or is going away": class 08 (connection), timeouts,
 * PostgreSQL's admin/crash shutdown and "starting up", and a driver's own
 * general error (HY000; server errors carry the server's SQLSTATE), which
 * is how psqlODBC reports a connection lost mid-statement ("The connection
 * has been lost", with SQL_ATTR_CONNECTION_DEAD still false). */
static gboolean
prdr_table_odbc_sqlstate_unavailable (const char *state)
{
  return g_str_has_prefix (state, "08") || strcmp (state, "HY000") == 0
         || strcmp (state, "HYT00") == 0
         || strcmp (state, "HYT01") == 0 || g_str_has_prefix (state, "57P");
}

static void
prdr_table_odbc_disconnect (PrdrOdbcConnection *c)
{
  for (guint i = 0; i < PRDR_ODBC_N_STATEMENTS; i++)
    if (c->statements[i] != NULL)
      {
        SQLFreeHandle (SQL_HANDLE_STMT, c->statements[i]);
        c->statements[i] = NULL;
      }
  if (c->dbc != NULL)
    {
      SQLDisconnect (c->dbc);
      SQLFreeHandle (SQL_HANDLE_DBC, c->dbc);
      c->dbc = NULL;
    }
}

/* prdr_table_odbc_fail - set @error from the diagnostics of @handle and
 * classify them: a dead connection is dropped (UNAVAILABLE), a serialization
 * failure marks @c for a retry, anything else is FAILED. */
static gboolean
prdr_table_odbc_fail (PrdrTableOdbc *self, PrdrOdbcConnection *c, SQLSMALLINT type,
                      SQLHANDLE handle, const char *doing, GError **error)
{
  SQLCHAR state[6] = "HY000", message[512] = "";
  SQLINTEGER native = 0;
  SQLSMALLINT length = 0;
  SQLUINTEGER dead = SQL_CD_FALSE;
  gboolean unavailable;

  if (handle == NULL
      || !SQL_SUCCEEDED (SQLGetDiagRec (type, handle, 1, state, &native, message,
                                        sizeof message, &length)))
    g_strlcpy ((char *) message, "no diagnostics", sizeof message);
  unavailable = prdr_table_odbc_sqlstate_unavailable ((const char *) state);
  if (c != NULL && c->dbc != NULL && !unavailable
      && SQL_SUCCEEDED (SQLGetConnectAttr (c->dbc, SQL_ATTR_CONNECTION_DEAD,
                                           &dead, 0, NULL)))
    unavailable = dead == SQL_CD_TRUE;
  if (c != NULL)
    {
      c->conflict = strcmp ((const char *) state, "40001") == 0
                    || strcmp ((const char *) state, "40P01") == 0;
      if (unavailable)
        prdr_table_odbc_disconnect (c);
    }
  g_set_error (error, PRDR_TABLE_ERROR,
               unavailable ? PRDR_TABLE_ERROR_UNAVAILABLE : PRDR_TABLE_ERROR_FAILED,
               "table %s: %s: [%s] %s", self->name, doing, state,
               g_strchomp ((char *) message));
  return FALSE;
}

/* prdr_table_odbc_exec_direct - run @sql once on @c (the schema). */
static gboolean
prdr_table_odbc_exec_direct (PrdrTableOdbc *self, PrdrOdbcConnection *c,
                             const char *sql, GError **error)
{
  SQLHSTMT statement = NULL;
  SQLRETURN code;

  if (!SQL_SUCCEEDED (SQLAllocHandle (SQL_HANDLE_STMT, c->dbc, &statement)))
    return prdr_table_odbc_fail (self, c, SQL_HANDLE_DBC, c->dbc, "statement", error);
  code = SQLExecDirect (statement, (SQLCHAR *) sql, SQL_NTS);
  if (!SQL_SUCCEEDED (code) && code != SQL_NO_DATA)
    {
      prdr_table_odbc_fail (self, c, SQL_HANDLE_STMT, statement, "create", error);
      /* A dropped connection took its statements with it. */
      if (c->dbc != NULL)
        SQLFreeHandle (SQL_HANDLE_STMT, statement);
      return FALSE;
    }
  SQLFreeHandle (SQL_HANDLE_STMT, statement);
  return TRUE;
}

/* prdr_table_odbc_schema - run the create statement once per table (under
 * the lock, so that this process's connections do not race on it). */
static gboolean
prdr_table_odbc_schema (PrdrTableOdbc *self, PrdrOdbcConnection *c, GError **error)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->schema_ready || self->create[0] == '\0')
    return TRUE;
  if (!prdr_table_odbc_exec_direct (self, c, self->create, error))
    return FALSE;
  self->schema_ready = TRUE;
  return TRUE;
}

/* prdr_table_odbc_attempt_allowed - FALSE (UNAVAILABLE) while a failed
 * connection attempt is younger than `retry` seconds. */
static gboolean
prdr_table_odbc_attempt_allowed (PrdrTableOdbc *self, GError **error)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  gint64 wait = self->next_attempt - g_get_monotonic_time ();

  if (wait <= 0)
    return TRUE;
  g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE,
               "table %s: the database was unreachable; next attempt in %" G_GINT64_FORMAT
               " s", self->name, (wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  return FALSE;
}

static void
prdr_table_odbc_attempt_failed (PrdrTableOdbc *self)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  self->next_attempt = g_get_monotonic_time () + (gint64) self->retry * G_USEC_PER_SEC;
}

/* prdr_table_odbc_login - connect @c (not connected) and set its isolation
 * level; on failure @c stays unconnected. */
static gboolean
prdr_table_odbc_login (PrdrTableOdbc *self, PrdrOdbcConnection *c, GError **error)
{
  GError *local = NULL;

  if (!prdr_table_odbc_attempt_allowed (self, error))
    return FALSE;
  if (!SQL_SUCCEEDED (SQLAllocHandle (SQL_HANDLE_DBC, self->env, &c->dbc)))
    {
      c->dbc = NULL;
      return prdr_table_odbc_fail (self, NULL, SQL_HANDLE_ENV, self->env, "connection",
                                   error);
    }
  SQLSetConnectAttr (c->dbc, SQL_ATTR_LOGIN_TIMEOUT,
                     (SQLPOINTER) (uintptr_t) self->login_timeout, 0);
  if (SQL_SUCCEEDED (SQLDriverConnect (c->dbc, NULL, (SQLCHAR *) self->connection,
                                       SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT)))
    {
      if (SQL_SUCCEEDED (SQLSetConnectAttr (c->dbc, SQL_ATTR_TXN_ISOLATION,
                                            (SQLPOINTER) SQL_TXN_SERIALIZABLE, 0)))
        return TRUE;
      /* Without it insert-if-absent would not be atomic: no connection. */
      prdr_table_odbc_fail (self, NULL, SQL_HANDLE_DBC, c->dbc, "isolation level", error);
      prdr_table_odbc_disconnect (c);
      return FALSE;
    }
  /* Whatever the driver says, a database we cannot log in to is
   * unavailable for the caller. */
  prdr_table_odbc_fail (self, NULL, SQL_HANDLE_DBC, c->dbc, "connect", &local);
  local->code = PRDR_TABLE_ERROR_UNAVAILABLE;
  g_propagate_error (error, local);
  SQLFreeHandle (SQL_HANDLE_DBC, c->dbc);
  c->dbc = NULL;
  prdr_table_odbc_attempt_failed (self);
  return FALSE;
}

/* prdr_table_odbc_connect - connect @c when it is not, and make sure the
 * schema exists (once per table, retried until it worked). */
static gboolean
prdr_table_odbc_connect (PrdrTableOdbc *self, PrdrOdbcConnection *c, GError **error)
{
  return (c->dbc != NULL || prdr_table_odbc_login (self, c, error))
         && prdr_table_odbc_schema (self, c, error);
}

/* prdr_table_odbc_statement - statement @which of @c, prepared once. */
static SQLHSTMT
prdr_table_odbc_statement (PrdrTableOdbc *self, PrdrOdbcConnection *c,
                           PrdrOdbcStatement which, GError **error)
{
  SQLHSTMT statement = c->statements[which];

  if (statement != NULL)
    return statement;
  if (!SQL_SUCCEEDED (SQLAllocHandle (SQL_HANDLE_STMT, c->dbc, &statement)))
    {
      prdr_table_odbc_fail (self, c, SQL_HANDLE_DBC, c->dbc, "statement", error);
      return NULL;
    }
  SQLSetStmtAttr (statement, SQL_ATTR_QUERY_TIMEOUT,
                  (SQLPOINTER) (uintptr_t) self->query_timeout, 0);
  /* Owned by @c from here, so that a disconnect frees it. */
  c->statements[which] = statement;
  if (!SQL_SUCCEEDED (SQLPrepare (statement, (SQLCHAR *) self->sql[which], SQL_NTS)))
    {
      prdr_table_odbc_fail (self, c, SQL_HANDLE_STMT, statement, "prepare", error);
      if (c->dbc != NULL)
        {
          SQLFreeHandle (SQL_HANDLE_STMT, statement);
          c->statements[which] = NULL;
        }
      return NULL;
    }
  return statement;
}

/* Bound parameter buffers; live until the statement has executed. */
typedef struct {
  gunichar2 *text;
  SQLLEN indicator;
  SQLBIGINT number;
} PrdrOdbcBound;

/* prdr_table_odbc_execute - run statement @which of @c with @params. */
static SQLHSTMT
prdr_table_odbc_execute (PrdrTableOdbc *self, PrdrOdbcConnection *c,
                         PrdrOdbcStatement which, const PrdrOdbcParam *params,
                         guint n_params, GError **error)
{
  SQLHSTMT statement = prdr_table_odbc_statement (self, c, which, error);
  PrdrOdbcBound bound[3] = { { 0 } };
  SQLRETURN code = SQL_SUCCESS;

  g_assert (n_params <= G_N_ELEMENTS (bound));
  if (statement == NULL)
    return NULL;
  for (guint i = 0; i < n_params && SQL_SUCCEEDED (code); i++)
    {
      glong units = 0;

      if (params[i].text == NULL)
        {
          bound[i].number = params[i].number;
          code = SQLBindParameter (statement, i + 1, SQL_PARAM_INPUT, SQL_C_SBIGINT,
                                   SQL_BIGINT, 0, 0, &bound[i].number, 0, NULL);
          continue;
        }
      /* Valid UTF-8 (table.c checked it) always converts. */
      bound[i].text = g_utf8_to_utf16 (params[i].text, -1, NULL, &units, NULL);
      bound[i].indicator = (SQLLEN) units * sizeof (gunichar2);
      code = SQLBindParameter (statement, i + 1, SQL_PARAM_INPUT, SQL_C_WCHAR,
                               SQL_WVARCHAR, MAX (units, 1), 0, bound[i].text,
                               bound[i].indicator, &bound[i].indicator);
    }
  if (SQL_SUCCEEDED (code))
    code = SQLExecute (statement);
  for (guint i = 0; i < n_params; i++)
    g_free (bound[i].text);
  if (!SQL_SUCCEEDED (code) && code != SQL_NO_DATA)
    {
      /* Diagnostics first: closing the statement clears them. */
      prdr_table_odbc_fail (self, c, SQL_HANDLE_STMT, statement,
                            which == PRDR_ODBC_QUERY ? "query" : "update", error);
      if (c->dbc != NULL)
        {
          SQLFreeStmt (statement, SQL_CLOSE);
          SQLFreeStmt (statement, SQL_RESET_PARAMS);
        }
      return NULL;
    }
  SQLFreeStmt (statement, SQL_RESET_PARAMS);
  return statement;
}

/* prdr_table_odbc_column - the first column of the current row, as UTF-8
 * (NULL with @error when it is too long or not text). */
static char *
prdr_table_odbc_column (PrdrTableOdbc *self, PrdrOdbcConnection *c,
                        SQLHSTMT statement, GError **error)
{
  g_autoptr (GByteArray) units = g_byte_array_new ();
  gunichar2 chunk[2048];
  SQLLEN length = 0;
  SQLRETURN code;

  /* Each call returns the next part, NUL-terminated, until SQL_NO_DATA. */
  while ((code = SQLGetData (statement, 1, SQL_C_WCHAR, chunk, sizeof chunk,
                             &length)) != SQL_NO_DATA)
    {
      gsize got;

      if (!SQL_SUCCEEDED (code))
        {
          prdr_table_odbc_fail (self, c, SQL_HANDLE_STMT, statement, "fetch", error);
          return NULL;
        }
      if (length == SQL_NULL_DATA)
        return g_strdup ("");
      got = length == SQL_NO_TOTAL || (gsize) length >= sizeof chunk
              ? sizeof chunk - sizeof (gunichar2) : (gsize) length;
      g_byte_array_append (units, (const guint8 *) chunk, got);
      if (units->len > 2 * PRDR_TABLE_MAX_VALUE)
        {
          g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED,
                       "table %s: a stored value longer than %d bytes",
                       self->name, PRDR_TABLE_MAX_VALUE);
          return NULL;
        }
    }
  return g_utf16_to_utf8 ((const gunichar2 *) units->data,
                          units->len / sizeof (gunichar2), NULL, NULL, error);
}

/* prdr_table_odbc_rows - fetch the query's rows into @values (NULL: just
 * tell whether there is one, in *@any). */
static gboolean
prdr_table_odbc_rows (PrdrTableOdbc *self, PrdrOdbcConnection *c, SQLHSTMT statement,
                      GPtrArray *values, gboolean *any, GError **error)
{
  SQLRETURN code;
  gboolean ok = TRUE;

  while (ok && SQL_SUCCEEDED (code = SQLFetch (statement)))
    {
      char *value;

      *any = TRUE;
      if (values == NULL)
        break;
      if (values->len == PRDR_TABLE_MAX_VALUES)
        {
          g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED,
                       "table %s: more than %d values for one key", self->name,
                       PRDR_TABLE_MAX_VALUES);
          ok = FALSE;
        }
      else if ((value = prdr_table_odbc_column (self, c, statement, error)) == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (values, value);
    }
  if (ok && values != NULL && code != SQL_NO_DATA)
    ok = prdr_table_odbc_fail (self, c, SQL_HANDLE_STMT, statement, "fetch", error);
  if (c->dbc != NULL)
    SQLFreeStmt (statement, SQL_CLOSE);
  return ok;
}

/* One operation on one connection; prdr_table_odbc_run retries it. */
typedef struct {
  const char *key;
  const char *value;
  gint64 time;          /* now, or the expiry of an insert */
  gint64 now;
  GPtrArray *values;    /* lookup's result */
  gboolean inserted;    /* insert-if-absent's result */
} PrdrOdbcCall;
typedef gboolean (*PrdrOdbcBody) (PrdrTableOdbc *self, PrdrOdbcConnection *c,
                                  PrdrOdbcCall *call, GError **error);

/* prdr_table_odbc_backoff - sleep before retrying a transaction the
 * database aborted as a conflict: a random pause up to @ceiling (so that
 * the racers do not collide again in step), doubled for the next time up
 * to PRDR_TABLE_ODBC_BACKOFF_MAX_US.  FALSE, without sleeping, when the
 * pause would end after @deadline. */
static gboolean
prdr_table_odbc_backoff (gint64 *ceiling, gint64 deadline)
{
  gint64 pause = g_random_int_range (PRDR_TABLE_ODBC_BACKOFF_MIN_US, (gint32) *ceiling + 1);

  if (g_get_monotonic_time () + pause >= deadline)
    return FALSE;
  g_usleep ((gulong) pause);
  *ceiling = MIN (*ceiling * 2, PRDR_TABLE_ODBC_BACKOFF_MAX_US);
  return TRUE;
}

/* prdr_table_odbc_attempts - @body on @c, connecting first when needed.
 * Retried: on a serialization failure (another writer won), after a short
 * random pause, for as long as the caller waits (until @deadline); and
 * once on a connection that was established before and turns out dead
 * (the database restarted since; the retry reconnects). */
static gboolean
prdr_table_odbc_attempts (PrdrTableOdbc *self, PrdrOdbcConnection *c, PrdrOdbcBody body,
                          PrdrOdbcCall *call, gint64 deadline, GError **error)
{
  gboolean reconnected = FALSE;
  gint64 ceiling = PRDR_TABLE_ODBC_BACKOFF_MIN_US;
  guint attempts = 0;

  for (;;)
    {
      g_autoptr (GError) local = NULL;
      gboolean was_connected = c->dbc != NULL;

      g_ptr_array_set_size (call->values, 0);
      call->inserted = FALSE;
      c->conflict = FALSE;
      attempts++;
      if (prdr_table_odbc_connect (self, c, &local) && body (self, c, call, &local))
        return TRUE;
      if (was_connected && c->dbc == NULL && !reconnected && (reconnected = TRUE))
        continue;
      if (!c->conflict)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (!prdr_table_odbc_backoff (&ceiling, deadline))
        break;
    }
  g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE,
               "table %s: still conflicting with other writers after %u attempts",
               self->name, attempts);
  return FALSE;
}

/* An operation handed to a worker thread.  The caller waits for it at most
 * login timeout + query timeout: a driver blocked on a frozen server (no
 * timeout of its own reaches a read on a unix socket) then holds a worker
 * and its connection, not the milter thread.  Whoever of caller and worker
 * comes last frees the job (under self->lock: done, abandoned). */
typedef struct {
  PrdrOdbcConnection *c;
  PrdrOdbcBody body;
  PrdrOdbcCall call;     /* key and value are copies owned by the job */
  gint64 deadline;       /* monotonic: when the caller stops waiting */
  gboolean ok;
  GError *error;
  gboolean done;         /* the worker has finished */
  gboolean abandoned;    /* the caller has given up waiting */
} PrdrOdbcJob;

static void
prdr_table_odbc_job_free (PrdrOdbcJob *job)
{
  g_free ((char *) job->call.key);
  g_free ((char *) job->call.value);
  if (job->call.values != NULL)
    g_ptr_array_unref (job->call.values);
  g_clear_error (&job->error);
  g_free (job);
}

/* prdr_table_odbc_worker - a GThreadPool function: run the job, give the
 * connection back (dropped when the caller gave up on it: it may be the
 * one that hung), and tell the caller. */
static void
prdr_table_odbc_worker (gpointer data, gpointer user_data)
{
  PrdrOdbcJob *job = data;
  PrdrTableOdbc *self = user_data;
  PrdrOdbcConnection *c = job->c;
  gboolean ok = prdr_table_odbc_attempts (self, c, job->body, &job->call, job->deadline,
                                        &job->error);
  gboolean abandoned;

  g_mutex_lock (&self->jobs_lock);
  job->ok = ok;
  job->done = TRUE;
  abandoned = job->abandoned;
  g_cond_broadcast (&self->finished);
  g_mutex_unlock (&self->jobs_lock);
  if (abandoned)
    {
      prdr_table_odbc_disconnect (c);
      prdr_table_odbc_job_free (job);
      g_atomic_int_add (&self->stuck, -1);
    }
  g_async_queue_push (self->idle, c);
}

/* prdr_table_odbc_run - @body on a pooled connection, in a worker: waiting
 * for the connection and for the worker together at most login timeout +
 * query timeout. */
static gboolean
prdr_table_odbc_run (PrdrTableOdbc *self, PrdrOdbcBody body, PrdrOdbcCall *call,
                     GError **error)
{
  guint limit = self->login_timeout + self->query_timeout;
  gint64 deadline = g_get_monotonic_time () + (gint64) limit * G_USEC_PER_SEC;
  PrdrOdbcConnection *c =
    g_async_queue_timeout_pop (self->idle, (guint64) limit * G_USEC_PER_SEC);
  PrdrOdbcJob *job;
  gboolean ok;

  if (c == NULL)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE,
                   "table %s: all %u connections busy for %u s", self->name,
                   self->n_pool, limit);
      return FALSE;
    }
  job = g_new0 (PrdrOdbcJob, 1);
  job->c = c;
  job->body = body;
  job->deadline = deadline;
  job->call = *call;
  job->call.key = g_strdup (call->key);
  job->call.value = g_strdup (call->value);
  job->call.values = g_ptr_array_new_with_free_func (g_free);
  g_thread_pool_push (self->workers, job, NULL);
  g_mutex_lock (&self->jobs_lock);
  while (!job->done)
    if (!g_cond_wait_until (&self->finished, &self->jobs_lock, deadline))
      break;
  job->abandoned = !job->done;
  if (job->abandoned)
    g_atomic_int_inc (&self->stuck);
  g_mutex_unlock (&self->jobs_lock);
  if (job->abandoned)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE,
                   "table %s: no answer from the database within %u s", self->name, limit);
      return FALSE;
    }
  ok = job->ok;
  if (ok && call->values != NULL)
    g_ptr_array_extend_and_steal (call->values, g_steal_pointer (&job->call.values));
  call->inserted = job->call.inserted;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&job->error));
  prdr_table_odbc_job_free (job);
  return ok;
}
static gboolean
prdr_table_odbc_do_lookup (PrdrTableOdbc *self, PrdrOdbcConnection *c,
                           PrdrOdbcCall *call, GError **error)
{
  PrdrOdbcParam params[] = { { call->key, 0 }, { NULL, call->now } };
  SQLHSTMT statement = prdr_table_odbc_execute (self, c, PRDR_ODBC_QUERY, params,
                                                G_N_ELEMENTS (params), error);
  gboolean any = FALSE;

  return statement != NULL
         && prdr_table_odbc_rows (self, c, statement, call->values, &any, error);
}

static gboolean
prdr_table_odbc_do_insert (PrdrTableOdbc *self, PrdrOdbcConnection *c,
                           PrdrOdbcCall *call, GError **error)
{
  PrdrOdbcParam params[] = { { call->key, 0 }, { call->value, 0 }, { NULL, call->time } };
  SQLHSTMT statement = prdr_table_odbc_execute (self, c, PRDR_ODBC_INSERT, params,
                                                G_N_ELEMENTS (params), error);

  if (statement != NULL)
    SQLFreeStmt (statement, SQL_CLOSE);
  return statement != NULL;
}

/* prdr_table_odbc_autocommit - switch autocommit on @c (off: a
 * transaction begins). */
static gboolean
prdr_table_odbc_autocommit (PrdrTableOdbc *self, PrdrOdbcConnection *c, gboolean on,
                            GError **error)
{
  if (c->dbc == NULL)
    return FALSE;
  if (!SQL_SUCCEEDED (SQLSetConnectAttr (c->dbc, SQL_ATTR_AUTOCOMMIT,
                                         (SQLPOINTER) (uintptr_t) (on ? SQL_AUTOCOMMIT_ON
                                                                      : SQL_AUTOCOMMIT_OFF),
                                         0)))
    return prdr_table_odbc_fail (self, c, SQL_HANDLE_DBC, c->dbc, "autocommit", error);
  return TRUE;
}

/* prdr_table_odbc_end - end the transaction on @c (commit when @commit,
 * else roll back) and switch autocommit back on, whatever the outcome: a
 * failed commit (a serialization failure is often reported there) leaves
 * no transaction open for the next use of the connection.  A failure is
 * classified from the first error (a conflict stays a conflict). */
static gboolean
prdr_table_odbc_end (PrdrTableOdbc *self, PrdrOdbcConnection *c, gboolean commit,
                     GError **error)
{
  gboolean ok, conflict;

  if (c->dbc == NULL)
    return FALSE;
  ok = SQL_SUCCEEDED (SQLEndTran (SQL_HANDLE_DBC, c->dbc, commit ? SQL_COMMIT : SQL_ROLLBACK))
       || prdr_table_odbc_fail (self, c, SQL_HANDLE_DBC, c->dbc,
                                commit ? "commit" : "rollback", error);
  conflict = c->conflict;
  if (!ok && commit && c->dbc != NULL)
    SQLEndTran (SQL_HANDLE_DBC, c->dbc, SQL_ROLLBACK);
  /* A connection that stays in manual commit would run later calls in one
   * long transaction: dropped instead (the next use reconnects). */
  if (c->dbc != NULL && !prdr_table_odbc_autocommit (self, c, TRUE, ok ? error : NULL))
    {
      prdr_table_odbc_disconnect (c);
      ok = FALSE;
    }
  c->conflict = conflict || c->conflict;
  return ok;
}

static gboolean
prdr_table_odbc_do_insert_if_absent (PrdrTableOdbc *self, PrdrOdbcConnection *c,
                                     PrdrOdbcCall *call, GError **error)
{
  PrdrOdbcParam params[] = { { call->key, 0 }, { NULL, call->now } };
  SQLHSTMT statement;
  gboolean any = FALSE, ok, conflict;

  if (!prdr_table_odbc_autocommit (self, c, FALSE, error))
    return FALSE;
  statement = prdr_table_odbc_execute (self, c, PRDR_ODBC_QUERY, params,
                                       G_N_ELEMENTS (params), error);
  ok = statement != NULL && prdr_table_odbc_rows (self, c, statement, NULL, &any, error)
       && (any || prdr_table_odbc_do_insert (self, c, call, error));
  if (ok)
    ok = prdr_table_odbc_end (self, c, TRUE, error);
  else
    {
      /* Keep the body's classification (a conflict is retried). */
      conflict = c->conflict;
      prdr_table_odbc_end (self, c, FALSE, NULL);
      c->conflict = conflict;
    }
  call->inserted = ok && !any;
  return ok;
}

static gboolean
prdr_table_odbc_do_remove (PrdrTableOdbc *self, PrdrOdbcConnection *c,
                           PrdrOdbcCall *call, GError **error)
{
  PrdrOdbcParam params[] = { { call->key, 0 }, { call->value, 0 } };
  SQLHSTMT statement =
    call->value != NULL
      ? prdr_table_odbc_execute (self, c, PRDR_ODBC_REMOVE_VALUE, params, 2, error)
      : prdr_table_odbc_execute (self, c, PRDR_ODBC_REMOVE, params, 1, error);

  if (statement != NULL)
    SQLFreeStmt (statement, SQL_CLOSE);
  return statement != NULL;
}

static gboolean
prdr_table_odbc_do_expire (PrdrTableOdbc *self, PrdrOdbcConnection *c,
                           PrdrOdbcCall *call, GError **error)
{
  PrdrOdbcParam params[] = { { NULL, call->now } };
  SQLHSTMT statement = prdr_table_odbc_execute (self, c, PRDR_ODBC_EXPIRE, params, 1, error);

  if (statement != NULL)
    SQLFreeStmt (statement, SQL_CLOSE);
  return statement != NULL;
}

static gboolean
prdr_table_odbc_lookup (gpointer impl, const char *key, gint64 now,
                        GPtrArray *values, GError **error)
{
  PrdrOdbcCall call = { .key = key, .now = now, .values = values };

  return prdr_table_odbc_run (impl, prdr_table_odbc_do_lookup, &call, error);
}

static gboolean
prdr_table_odbc_insert (gpointer impl, const char *key, const char *value,
                        gint64 expires, GError **error)
{
  PrdrOdbcCall call = { .key = key, .value = value, .time = expires };

  return prdr_table_odbc_run (impl, prdr_table_odbc_do_insert, &call, error);
}

static gboolean
prdr_table_odbc_insert_if_absent (gpointer impl, const char *key, const char *value,
                                  gint64 expires, gint64 now, gboolean *inserted,
                                  GError **error)
{
  PrdrOdbcCall call = { .key = key, .value = value, .time = expires, .now = now };

  if (!prdr_table_odbc_run (impl, prdr_table_odbc_do_insert_if_absent, &call, error))
    return FALSE;
  *inserted = call.inserted;
  return TRUE;
}

static gboolean
prdr_table_odbc_remove (gpointer impl, const char *key, const char *value,
                        GError **error)
{
  PrdrOdbcCall call = { .key = key, .value = value };

  return prdr_table_odbc_run (impl, prdr_table_odbc_do_remove, &call, error);
}

static gboolean
prdr_table_odbc_expire (gpointer impl, gint64 now, GError **error)
{
  PrdrOdbcCall call = { .now = now };

  return prdr_table_odbc_run (impl, prdr_table_odbc_do_expire, &call, error);
}

static void
prdr_table_odbc_free (gpointer impl)
{
  PrdrTableOdbc *self = impl;

  /* A worker stuck on a frozen database still uses the table: leave it
   * (this is shutdown) rather than free what it uses. */
  if (g_atomic_int_get (&self->stuck) > 0)
    {
      prdr_log (G_LOG_LEVEL_WARNING, "table %s: a database call is still running;"
                " the table is left open", self->name);
      return;
    }
  /* Waits for the workers still finishing their jobs. */
  if (self->workers != NULL)
    g_thread_pool_free (self->workers, FALSE, TRUE);
  for (guint i = 0; i < self->n_pool; i++)
    prdr_table_odbc_disconnect (&self->pool[i]);
  g_free (self->pool);
  if (self->idle != NULL)
    g_async_queue_unref (self->idle);
  if (self->env != NULL)
    SQLFreeHandle (SQL_HANDLE_ENV, self->env);
  for (guint i = 0; i < PRDR_ODBC_N_STATEMENTS; i++)
    g_free (self->sql[i]);
  g_free (self->create);
  g_free (self->connection);
  g_free (self->name);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->jobs_lock);
  g_cond_clear (&self->finished);
  g_free (self);
}

static const PrdrTableBackend prdr_table_odbc_backend = {
  .name = "odbc",
  .lookup = prdr_table_odbc_lookup,
  .insert = prdr_table_odbc_insert,
  .insert_if_absent = prdr_table_odbc_insert_if_absent,
  .remove = prdr_table_odbc_remove,
  .expire = prdr_table_odbc_expire,
  .free = prdr_table_odbc_free,
};

/* prdr_table_odbc_sql - @configured, or the default statement @format
 * with the SQL table name in place of every %1$s. */
static char *
prdr_table_odbc_sql (const char *configured, const char *format, const char *table)
{
  if (configured != NULL)
    return g_strdup (configured);
  return g_strdup_printf (format, table);
}

/* prdr_table_odbc_statements - the statements: configured or defaults for
 * PostgreSQL on table prdr_<name>. */
static void
prdr_table_odbc_statements (PrdrTableOdbc *self, const PrdrTableOdbcSettings *s)
{
  g_autofree char *table = g_strdup_printf ("prdr_%s", self->name);

  g_strdelimit (table, "-", '_');
  self->create = prdr_table_odbc_sql (s->create,
    "CREATE TABLE IF NOT EXISTS %1$s (id BIGSERIAL PRIMARY KEY, key TEXT NOT NULL,"
    " value TEXT NOT NULL, expires BIGINT NOT NULL DEFAULT 0);"
    " CREATE INDEX IF NOT EXISTS %1$s_key ON %1$s (key)", table);
  self->sql[PRDR_ODBC_QUERY] = prdr_table_odbc_sql (s->query,
    "SELECT value FROM %1$s WHERE key = ? AND (expires = 0 OR expires >= ?)"
    " ORDER BY id", table);
  self->sql[PRDR_ODBC_INSERT] = prdr_table_odbc_sql (s->insert,
    "INSERT INTO %1$s (key, value, expires) VALUES (?, ?, ?)", table);
  self->sql[PRDR_ODBC_REMOVE] = prdr_table_odbc_sql (s->remove,
    "DELETE FROM %1$s WHERE key = ?", table);
  self->sql[PRDR_ODBC_REMOVE_VALUE] = prdr_table_odbc_sql (s->remove_value,
    "DELETE FROM %1$s WHERE key = ? AND value = ?", table);
  self->sql[PRDR_ODBC_EXPIRE] = prdr_table_odbc_sql (s->expire,
    "DELETE FROM %1$s WHERE expires <> 0 AND expires < ?", table);
}

PrdrTable *
prdr_table_odbc_new (const char *name, const PrdrTableOdbcSettings *settings,
                     GError **error)
{
  PrdrTableOdbc *self = g_new0 (PrdrTableOdbc, 1);

  g_mutex_init (&self->lock);
  g_mutex_init (&self->jobs_lock);
  g_cond_init (&self->finished);
  self->name = g_strdup (name);
  /* A bare name is a DSN. */
  self->connection = strchr (settings->connection, '=') != NULL
                       ? g_strdup (settings->connection)
                       : g_strdup_printf ("DSN=%s", settings->connection);
  prdr_table_odbc_statements (self, settings);
  self->login_timeout = settings->login_timeout;
  self->query_timeout = settings->query_timeout;
  self->retry = settings->retry;
  self->n_pool = CLAMP (settings->connections, 1, PRDR_TABLE_ODBC_MAX_CONNECTIONS);
  self->pool = g_new0 (PrdrOdbcConnection, self->n_pool);
  self->idle = g_async_queue_new ();
  for (guint i = 0; i < self->n_pool; i++)
    g_async_queue_push (self->idle, &self->pool[i]);
  self->workers = g_thread_pool_new (prdr_table_odbc_worker, self, self->n_pool,
                                     FALSE, NULL);
  if (!SQL_SUCCEEDED (SQLAllocHandle (SQL_HANDLE_ENV, SQL_NULL_HANDLE, &self->env))
      || !SQL_SUCCEEDED (SQLSetEnvAttr (self->env, SQL_ATTR_ODBC_VERSION,
                                        (SQLPOINTER) SQL_OV_ODBC3, 0)))
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED,
                   "table %s: cannot set up the ODBC environment", name);
      prdr_table_odbc_free (self);
      return NULL;
    }
  return prdr_table_new (name, &prdr_table_odbc_backend, self);
}
