/*
 * table.c - the table API of include/prdr/table.h over a backend
 * (backend.h): argument checks, the clock, and the errors for operations a
 * backend does not have.
 *
 * Limits enforced (limits.h): PRDR_TABLE_MAX_KEY, PRDR_TABLE_MAX_VALUE,
 * PRDR_TABLE_MAX_NAME; keys and values must be valid UTF-8.
 */
#include "backend.h"
#include "limits.h"

struct PrdrTable {
  char *name;                        /* the NAME of [table:NAME] */
  const PrdrTableBackend *backend;   /* its functions */
  gpointer impl;                     /* the backend's instance, owned */
};

G_DEFINE_QUARK (prdr-table-error-quark, prdr_table_error)

PrdrTable *
prdr_table_new (const char *name, const PrdrTableBackend *backend, gpointer impl)
{
  PrdrTable *table = g_new0 (PrdrTable, 1);

  table->name = g_strdup (name);
  table->backend = backend;
  table->impl = impl;
  return table;
}

void
prdr_table_free (PrdrTable *table)
{
  if (table == NULL)
    return;
  table->backend->free (table->impl);
  g_free (table->name);
  g_free (table);
}

gboolean
prdr_table_name_check (const char *name, GError **error)
{
  size_t length = strlen (name);

  if (length == 0 || length > PRDR_TABLE_MAX_NAME
      || strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != length)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID,
                   "table name \"%s\": use 1 to %d of a-z, 0-9, '_' and '-'",
                   name, PRDR_TABLE_MAX_NAME);
      return FALSE;
    }
  return TRUE;
}

const char *
prdr_table_name (const PrdrTable *table)
{
  return table->name;
}

const char *
prdr_table_backend_name (const PrdrTable *table)
{
  return table->backend->name;
}

/* prdr_table_text_check - @text is a valid key or value (@what says which). */
static gboolean
prdr_table_text_check (const PrdrTable *table, const char *what, const char *text,
                       gsize min, gsize max, GError **error)
{
  gsize length;

  if (text == NULL)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID,
                   "table %s: no %s given", table->name, what);
      return FALSE;
    }
  length = strlen (text);
  if (length < min || length > max)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID,
                   "table %s: a %s of %" G_GSIZE_FORMAT " bytes (allowed: %"
                   G_GSIZE_FORMAT " to %" G_GSIZE_FORMAT ")",
                   table->name, what, length, min, max);
      return FALSE;
    }
  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID,
                   "table %s: the %s is not valid UTF-8", table->name, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
prdr_table_key_check (const PrdrTable *table, const char *key, GError **error)
{
  return prdr_table_text_check (table, "key", key, 1, PRDR_TABLE_MAX_KEY, error);
}

static gboolean
prdr_table_value_check (const PrdrTable *table, const char *value, GError **error)
{
  return prdr_table_text_check (table, "value", value, 0, PRDR_TABLE_MAX_VALUE, error);
}

/* prdr_table_missing - the error for an operation the backend lacks. */
static gboolean
prdr_table_missing (const PrdrTable *table, const char *operation, GError **error)
{
  if (table->backend->read_only)
    g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_READ_ONLY,
                 "table %s: the %s backend is read-only (no %s)",
                 table->name, table->backend->name, operation);
  else
    g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNSUPPORTED,
                 "table %s: the %s backend has no %s",
                 table->name, table->backend->name, operation);
  return FALSE;
}

static gint64
prdr_table_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
prdr_table_lookup (PrdrTable *table, const char *key, GPtrArray **values,
                   GError **error)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  if (!prdr_table_key_check (table, key, error))
    return FALSE;
  if (table->backend->lookup == NULL)
    return prdr_table_missing (table, "lookup", error);
  if (!table->backend->lookup (table->impl, key, prdr_table_now (), found, error))
    return FALSE;
  *values = g_steal_pointer (&found);
  return TRUE;
}

static gboolean
prdr_table_expires_check (const PrdrTable *table, gint64 expires, GError **error)
{
  if (expires >= 0)
    return TRUE;
  g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID,
               "table %s: a negative expiry time", table->name);
  return FALSE;
}

gboolean
prdr_table_insert (PrdrTable *table, const char *key, const char *value,
                   gint64 expires, GError **error)
{
  if (!prdr_table_key_check (table, key, error)
      || !prdr_table_value_check (table, value, error)
      || !prdr_table_expires_check (table, expires, error))
    return FALSE;
  if (table->backend->insert == NULL)
    return prdr_table_missing (table, "insert", error);
  return table->backend->insert (table->impl, key, value, expires, error);
}

gboolean
prdr_table_insert_if_absent (PrdrTable *table, const char *key, const char *value,
                             gint64 expires, gboolean *inserted, GError **error)
{
  *inserted = FALSE;
  if (!prdr_table_key_check (table, key, error)
      || !prdr_table_value_check (table, value, error)
      || !prdr_table_expires_check (table, expires, error))
    return FALSE;
  if (table->backend->insert_if_absent == NULL)
    return prdr_table_missing (table, "insert-if-absent", error);
  return table->backend->insert_if_absent (table->impl, key, value, expires,
                                           prdr_table_now (), inserted, error);
}

gboolean
prdr_table_remove (PrdrTable *table, const char *key, const char *value,
                   GError **error)
{
  if (!prdr_table_key_check (table, key, error)
      || (value != NULL && !prdr_table_value_check (table, value, error)))
    return FALSE;
  if (table->backend->remove == NULL)
    return prdr_table_missing (table, "remove", error);
  return table->backend->remove (table->impl, key, value, error);
}

gboolean
prdr_table_expire (PrdrTable *table, gint64 now, GError **error)
{
  /* Nothing expires in a table that does not store. */
  if (table->backend->expire == NULL)
    return TRUE;
  return table->backend->expire (table->impl, now, error);
}

void
prdr_table_script_free (PrdrTableScript *script)
{
  if (script == NULL)
    return;
  g_free (script->path);
  g_free (script->text);
  g_free (script->identity);
  g_free (script);
}

gboolean
prdr_table_lookup_scripts (PrdrTable *table, const char *user,
                           GPtrArray **scripts, GError **error)
{
  g_autoptr (GPtrArray) found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_table_script_free);

  if (!prdr_table_key_check (table, user, error))
    return FALSE;
  if (table->backend->lookup_scripts == NULL)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNSUPPORTED,
                   "table %s: the %s backend holds no Sieve scripts",
                   table->name, table->backend->name);
      return FALSE;
    }
  if (!table->backend->lookup_scripts (table->impl, user, found, error))
    return FALSE;
  *scripts = g_steal_pointer (&found);
  return TRUE;
}
