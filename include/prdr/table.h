/*
 * prdr/table.h - named tables: where modules keep state and look things up.
 *
 * A module never opens a file or a database itself.  It asks for a table by
 * name in its instance_new(); the configuration maps the name to a backend in
 * a [table:NAME] section (without one the table is an SQLite file named
 * NAME.sqlite under the state directory):
 *
 *   sqlite    the embedded default, one file per table
 *   odbc      any SQL database through unixODBC; statements configurable and
 *             always parameterised
 *   sievedir  read-only: users' Sieve scripts as ManageSieve stored them
 *   log       append-only: a file or syslog
 *
 * A table maps a key to zero or more values, each with an optional expiry
 * time.  All functions are safe to call from several threads at once.  A
 * backend that cannot be reached (database down) fails with
 * PRDR_TABLE_ERROR_UNAVAILABLE within a bounded time; the module then applies
 * its failure policy (tempfail by default).
 */
#ifndef PRDR_TABLE_H
#define PRDR_TABLE_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct PrdrTable PrdrTable;

#define PRDR_TABLE_ERROR (prdr_table_error_quark ())
GQuark prdr_table_error_quark (void);
typedef enum {
  PRDR_TABLE_ERROR_UNAVAILABLE,  /* the backend cannot be reached now: try later */
  PRDR_TABLE_ERROR_READ_ONLY,    /* the backend does not store (sievedir) */
  PRDR_TABLE_ERROR_INVALID,      /* a key or value the backend refuses (too long...) */
  PRDR_TABLE_ERROR_FAILED,       /* anything else; the message says what */
  PRDR_TABLE_ERROR_UNSUPPORTED,  /* the backend has no such operation (reading a log) */
} PrdrTableError;

/* Keys and values are NUL-terminated UTF-8 text (every byte but NUL that
 * forms valid UTF-8, control characters included), keys at most 4096 bytes
 * and non-empty, values at most 65536 bytes; anything else fails with
 * PRDR_TABLE_ERROR_INVALID on every backend, so that a table behaves the
 * same on SQLite and on a database with a UTF-8 text column.  A module that
 * must store raw bytes encodes them (hex, base64). */

/* prdr_table_open - the table @name as configured, opened on first use and
 * shared by every module that names it (owned by prdr-milter: do not free
 * it; it stays valid until shutdown).  Call from instance_new().  Returns
 * NULL with @error when its section is wrong or the backend cannot be set up
 * at all (a database that is merely down does not fail here).  @name is 1
 * to 64 of a-z, 0-9, '_' and '-'. */
PrdrTable *prdr_table_open (const char *name, GError **error);

/* The table's name, and its backend's ("sqlite", "odbc", ...). */
const char *prdr_table_name (const PrdrTable *table);
const char *prdr_table_backend_name (const PrdrTable *table);

/* prdr_table_lookup - the unexpired values of @key, oldest first, in
 * @values (a new GPtrArray of strings, empty when there are none).  FALSE
 * with @error only when the backend failed. */
gboolean prdr_table_lookup (PrdrTable *table, const char *key,
                            GPtrArray **values, GError **error);

/* prdr_table_insert - add @value under @key.  @expires is a Unix time after
 * which the row is gone (0: never). */
gboolean prdr_table_insert (PrdrTable *table, const char *key, const char *value,
                            gint64 expires, GError **error);

/* prdr_table_insert_if_absent - atomically: when @key has no unexpired value,
 * insert @value and set *@inserted to TRUE; otherwise leave the table as it
 * is and set *@inserted to FALSE.  Of several threads or hosts racing on the
 * same key exactly one gets TRUE. */
gboolean prdr_table_insert_if_absent (PrdrTable *table, const char *key,
                                      const char *value, gint64 expires,
                                      gboolean *inserted, GError **error);

/* prdr_table_remove - remove the rows of @key (only those holding @value
 * when @value is not NULL). */
gboolean prdr_table_remove (PrdrTable *table, const char *key, const char *value,
                            GError **error);

/* prdr_table_expire - remove the rows whose expiry is before @now.  The
 * daemon calls it every [general] expire hours for every open table. */
gboolean prdr_table_expire (PrdrTable *table, gint64 now, GError **error);

/* Scripts, from a sievedir table: the text of one Sieve script and an
 * identity that is equal for two scripts exactly when their texts are
 * ("sha256:" and the hex digest of the text), for use as a class key. */
typedef struct {
  char *path;      /* the file read (symbolic links resolved), for messages */
  char *text;
  char *identity;
} PrdrTableScript;
void prdr_table_script_free (PrdrTableScript *script);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrTableScript, prdr_table_script_free)

/* prdr_table_lookup_scripts - the scripts that apply to @user, in the order
 * they run: the site-wide "before" scripts, the user's active script when
 * the user has one, the site-wide "after" scripts; in @scripts (a new
 * GPtrArray of PrdrTableScript, possibly empty).  A user without an active
 * script, or whose active script link dangles, has none.  Fails with
 * PRDR_TABLE_ERROR_INVALID for a user name or a link that would lead
 * outside the configured directories, PRDR_TABLE_ERROR_UNSUPPORTED on a
 * table that is not a sievedir.  prdr_table_lookup() on a sievedir table
 * returns the text of the user's active script alone (zero or one value). */
gboolean prdr_table_lookup_scripts (PrdrTable *table, const char *user,
                                    GPtrArray **scripts, GError **error);

G_END_DECLS

#endif
