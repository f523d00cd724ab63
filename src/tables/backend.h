/*
 * backend.h - what a table backend implements, and the constructors of the
 * built-in ones (sqlite.c, odbc.c, sievedir.c, log.c).
 *
 * table.c checks every argument (lengths, UTF-8, expiry) before a backend
 * sees it and takes the clock, so backends get clean input and "now".  A
 * backend leaves a function NULL for what it cannot do: table.c answers
 * PRDR_TABLE_ERROR_READ_ONLY when the backend is read-only, else
 * PRDR_TABLE_ERROR_UNSUPPORTED.  Backends lock themselves: every function
 * may be called from several threads at once.
 */
#ifndef PRDR_TABLES_BACKEND_H
#define PRDR_TABLES_BACKEND_H

#include <prdr/table.h>

G_BEGIN_DECLS

typedef struct {
  const char *name;
  gboolean read_only;
  gboolean (*lookup) (gpointer impl, const char *key, gint64 now,
                      GPtrArray *values, GError **error);
  gboolean (*insert) (gpointer impl, const char *key, const char *value,
                      gint64 expires, GError **error);
  gboolean (*insert_if_absent) (gpointer impl, const char *key, const char *value,
                                gint64 expires, gint64 now, gboolean *inserted,
                                GError **error);
  gboolean (*remove) (gpointer impl, const char *key, const char *value,
                      GError **error);
  gboolean (*expire) (gpointer impl, gint64 now, GError **error);
  gboolean (*lookup_scripts) (gpointer impl, const char *user,
                              GPtrArray *scripts, GError **error);
  void (*free) (gpointer impl);
} PrdrTableBackend;

/* prdr_table_new - wrap a backend's instance @impl (owned from now on). */
PrdrTable *prdr_table_new (const char *name, const PrdrTableBackend *backend,
                           gpointer impl);
void prdr_table_free (PrdrTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrTable, prdr_table_free)

/* prdr_table_name_check - a table name is 1..PRDR_TABLE_MAX_NAME of
 * [a-z0-9_-]: it becomes a file name and an SQL identifier. */
gboolean prdr_table_name_check (const char *name, GError **error);

/* sqlite.c: the table in the SQLite file @path (created when missing). */
PrdrTable *prdr_table_sqlite_new (const char *name, const char *path,
                                  GError **error);

/* odbc.c */
typedef struct {
  const char *connection;    /* an ODBC connection string or DSN name */
  const char *create;        /* NULL: the PostgreSQL default schema; "": none */
  const char *query;         /* (key, now) -> value rows, oldest first */
  const char *insert;        /* (key, value, expires) */
  const char *remove;        /* (key) */
  const char *remove_value;  /* (key, value) */
  const char *expire;        /* (now) */
  guint login_timeout;       /* seconds */
  guint query_timeout;       /* seconds */
  guint retry;               /* seconds without a connection attempt after one failed */
  guint connections;         /* pool size */
} PrdrTableOdbcSettings;
/* prdr_table_odbc_new - statements left NULL in @settings get the
 * PostgreSQL defaults for table @name (on table prdr_<name>, '-' as '_'). */
PrdrTable *prdr_table_odbc_new (const char *name,
                                const PrdrTableOdbcSettings *settings,
                                GError **error);

/* sievedir.c */
typedef enum {
  PRDR_TABLE_SIEVE_CYRUS,    /* <path>/<hash>/<user>/defaultbc or default */
  PRDR_TABLE_SIEVE_DOVECOT,  /* <path> = the active script, a link into <sieve-dir> */
} PrdrTableSieveLayout;
typedef struct {
  PrdrTableSieveLayout layout;
  const char *path;          /* cyrus: the sieve directory; dovecot: template of
                                the active script (%u %n %d %%) */
  const char *sieve_dir;     /* dovecot: template of the scripts' directory;
                                NULL: the active script's directory */
  const char *user;          /* cyrus: template of the user's directory name */
  const char *const *before; /* site-wide scripts, files or directories of *.sieve */
  const char *const *after;
} PrdrTableSieveSettings;
PrdrTable *prdr_table_sievedir_new (const char *name,
                                    const PrdrTableSieveSettings *settings,
                                    GError **error);

/* log.c: @target is "syslog" or "file:/absolute/path". */
PrdrTable *prdr_table_log_new (const char *name, const char *target,
                               GError **error);

G_END_DECLS

#endif
