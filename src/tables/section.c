/*
 * section.c - the [table:NAME] sections: one key table for every backend,
 * the checks a row cannot express, and opening the backend a section
 * describes.
 *
 *   backend         sqlite | odbc | sievedir | log               (sqlite)
 *   path            sqlite: the file (<statedir>/NAME.sqlite);
 *                   sievedir: the Cyrus sieve directory, or the Dovecot
 *                   active-script template (%u %n %d)
 *   connection      odbc: connection string or DSN name (required)
 *   create, query, insert, remove, remove-value, expire
 *                   odbc: the statements (PostgreSQL defaults on the
 *                   table prdr_NAME), with 2, 2, 3, 1, 2, 1 '?' parameters
 *                   (create: none; an empty create runs nothing)
 *   login-timeout, query-timeout, retry, connections      odbc
 *   layout          sievedir: cyrus | dovecot                   (cyrus)
 *   sieve-dir       sievedir, dovecot: the scripts directory template
 *   user            sievedir, cyrus: the user directory template (%u)
 *   before, after   sievedir: site-wide scripts (files or directories)
 *   target          log: syslog | file:/path                   (syslog)
 *
 * Limits: PRDR_TABLE_MAX_SQL per statement, PRDR_TABLE_ODBC_MAX_CONNECTIONS.
 */
#include <string.h>

#include "limits.h"
#include "section.h"

#define PRDR_TABLE_SQLITE (1 << 0)
#define PRDR_TABLE_ODBC (1 << 1)
#define PRDR_TABLE_SIEVEDIR (1 << 2)
#define PRDR_TABLE_LOG (1 << 3)

const PrdrConfigKey prdr_table_section_keys[] = {
  { "backend", PRDR_CONFIG_STRING, 0, 0, "sqlite",
    "where the table lives: sqlite, odbc, sievedir or log" },
  { "path", PRDR_CONFIG_STRING, 0, 0, NULL,
    "sqlite: the database file (default <statedir>/NAME.sqlite); sievedir: the Cyrus"
    " sieve directory or the Dovecot active script (%u, %n, %d)" },
  { "connection", PRDR_CONFIG_STRING, 0, 0, NULL,
    "odbc: the ODBC connection string (Driver=...;...) or a DSN name" },
  { "create", PRDR_CONFIG_STRING, 0, 0, NULL,
    "odbc: the statement that creates the table (default: PostgreSQL, table prdr_NAME;"
    " empty: none)" },
  { "query", PRDR_CONFIG_STRING, 0, 0, NULL,
    "odbc: values of a key, oldest first; parameters key, now" },
  { "insert", PRDR_CONFIG_STRING, 0, 0, NULL,
    "odbc: add a row; parameters key, value, expires (0: never)" },
  { "remove", PRDR_CONFIG_STRING, 0, 0, NULL,
    "odbc: remove a key's rows; parameter key" },
  { "remove-value", PRDR_CONFIG_STRING, 0, 0, NULL,
    "odbc: remove a key's rows holding a value; parameters key, value" },
  { "expire", PRDR_CONFIG_STRING, 0, 0, NULL,
    "odbc: remove rows with 0 < expires < now; parameter now" },
  { "login-timeout", PRDR_CONFIG_SECONDS, 1, 300, PRDR_TABLE_ODBC_LOGIN_TIMEOUT,
    "odbc: how long connecting may take" },
  { "query-timeout", PRDR_CONFIG_SECONDS, 1, 3600, PRDR_TABLE_ODBC_QUERY_TIMEOUT,
    "odbc: how long one statement may take (a whole call: login + query timeout)" },
  { "retry", PRDR_CONFIG_SECONDS, 0, 3600, PRDR_TABLE_ODBC_RETRY,
    "odbc: after a failed connection attempt, no new one for this long" },
  { "connections", PRDR_CONFIG_UINT, 1, PRDR_TABLE_ODBC_MAX_CONNECTIONS,
    PRDR_TABLE_ODBC_CONNECTIONS, "odbc: connections kept open to the database" },
  { "layout", PRDR_CONFIG_STRING, 0, 0, "cyrus",
    "sievedir: cyrus (timsieved) or dovecot (ManageSieve, ~/.dovecot.sieve)" },
  { "sieve-dir", PRDR_CONFIG_STRING, 0, 0, NULL,
    "sievedir, dovecot: the scripts directory (default: sieve beside the active script)" },
  { "user", PRDR_CONFIG_STRING, 0, 0, "%u",
    "sievedir, cyrus: the user's directory name (%u whole, %n local part, %d domain)" },
  { "before", PRDR_CONFIG_LIST, 0, 0, "",
    "sievedir: site-wide scripts run before the user's (files or directories of *.sieve)" },
  { "after", PRDR_CONFIG_LIST, 0, 0, "",
    "sievedir: site-wide scripts run after the user's" },
  { "target", PRDR_CONFIG_STRING, 0, 0, "syslog",
    "log: syslog (mail facility) or file:/absolute/path" },
  { .key = NULL }
};

/* Which backends use which key (the others refuse it). */
static const struct {
  const char *key;
  guint backends;
} prdr_table_section_users[] = {
  { "path", PRDR_TABLE_SQLITE | PRDR_TABLE_SIEVEDIR },
  { "connection", PRDR_TABLE_ODBC }, { "create", PRDR_TABLE_ODBC },
  { "query", PRDR_TABLE_ODBC }, { "insert", PRDR_TABLE_ODBC },
  { "remove", PRDR_TABLE_ODBC }, { "remove-value", PRDR_TABLE_ODBC },
  { "expire", PRDR_TABLE_ODBC }, { "login-timeout", PRDR_TABLE_ODBC },
  { "query-timeout", PRDR_TABLE_ODBC }, { "retry", PRDR_TABLE_ODBC },
  { "connections", PRDR_TABLE_ODBC }, { "layout", PRDR_TABLE_SIEVEDIR },
  { "sieve-dir", PRDR_TABLE_SIEVEDIR }, { "user", PRDR_TABLE_SIEVEDIR },
  { "before", PRDR_TABLE_SIEVEDIR }, { "after", PRDR_TABLE_SIEVEDIR },
  { "target", PRDR_TABLE_LOG },
};

/* The ODBC statements: key, '?' parameters, settings field offset. */
static const struct {
  const char *key;
  guint parameters;
  gsize offset;
} prdr_table_section_statements[] = {
  { "create", 0, G_STRUCT_OFFSET (PrdrTableOdbcSettings, create) },
  { "query", 2, G_STRUCT_OFFSET (PrdrTableOdbcSettings, query) },
  { "insert", 3, G_STRUCT_OFFSET (PrdrTableOdbcSettings, insert) },
  { "remove", 1, G_STRUCT_OFFSET (PrdrTableOdbcSettings, remove) },
  { "remove-value", 2, G_STRUCT_OFFSET (PrdrTableOdbcSettings, remove_value) },
  { "expire", 1, G_STRUCT_OFFSET (PrdrTableOdbcSettings, expire) },
};

static guint
prdr_table_section_backend (const PrdrConfigSection *section)
{
  const char *backend = prdr_config_section_get_string (section, "backend");
  const char *names[] = { "sqlite", "odbc", "sievedir", "log" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (backend, names[i]) == 0)
      return 1u << i;
  return 0;
}

/* prdr_table_section_parameters - the '?' in @sql outside '...' and "...". */
static guint
prdr_table_section_parameters (const char *sql)
{
  guint count = 0;
  char quote = '\0';

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != '\0')
        quote = *p == quote ? '\0' : quote;
      else if (*p == '\'' || *p == '"')
        quote = *p;
      else if (*p == '?')
        count++;
    }
  return count;
}

static gboolean
prdr_table_section_check_odbc (const PrdrConfigSection *section, GError **error)
{
  if (!prdr_config_section_has_key (section, "connection"))
    return prdr_config_section_error (section, "connection", error,
                                      "an odbc table needs a connection");
  for (guint i = 0; i < G_N_ELEMENTS (prdr_table_section_statements); i++)
    {
      const char *key = prdr_table_section_statements[i].key;
      const char *sql = prdr_config_section_get_string (section, key);
      guint expected = prdr_table_section_statements[i].parameters;

      if (sql == NULL)
        continue;
      if (strlen (sql) > PRDR_TABLE_MAX_SQL)
        return prdr_config_section_error (section, key, error,
                                          "longer than %d bytes", PRDR_TABLE_MAX_SQL);
      if (prdr_table_section_parameters (sql) != expected)
        return prdr_config_section_error (section, key, error,
                                          "needs exactly %u '?' parameter%s", expected,
                                          expected == 1 ? "" : "s");
    }
  return TRUE;
}

static gboolean
prdr_table_section_check_sievedir (const PrdrConfigSection *section, GError **error)
{
  const char *layout = prdr_config_section_get_string (section, "layout");
  gboolean cyrus = strcmp (layout, "cyrus") == 0;

  if (!cyrus && strcmp (layout, "dovecot") != 0)
    return prdr_config_section_error (section, "layout", error,
                                      "\"%s\": use cyrus or dovecot", layout);
  if (!prdr_config_section_has_key (section, "path"))
    return prdr_config_section_error (section, "path", error,
                                      "a sievedir table needs a path");
  if (cyrus && prdr_config_section_has_key (section, "sieve-dir"))
    return prdr_config_section_error (section, "sieve-dir", error,
                                      "only for layout = dovecot");
  if (!cyrus && prdr_config_section_has_key (section, "user"))
    return prdr_config_section_error (section, "user", error, "only for layout = cyrus");
  return TRUE;
}

/* prdr_table_section_check_paths - absolute paths where paths are given. */
static gboolean
prdr_table_section_check_paths (const PrdrConfigSection *section, GError **error)
{
  const char *keys[] = { "path", "sieve-dir" };
  const char *lists[] = { "before", "after" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *path = prdr_config_section_get_string (section, keys[i]);

      if (path != NULL && !g_path_is_absolute (path))
        return prdr_config_section_error (section, keys[i], error,
                                          "\"%s\" is not an absolute path", path);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      const char *const *paths = prdr_config_section_get_list (section, lists[i]);

      for (guint j = 0; paths != NULL && paths[j] != NULL; j++)
        if (!g_path_is_absolute (paths[j]))
          return prdr_config_section_error (section, lists[i], error,
                                            "\"%s\" is not an absolute path", paths[j]);
    }
  return TRUE;
}

/* prdr_table_section_check_sqlite - a configured file's directory exists
 * (the default one, [general] statedir, prdr-milter creates at start). */
static gboolean
prdr_table_section_check_sqlite (const PrdrConfigSection *section, GError **error)
{
  const char *path = prdr_config_section_get_string (section, "path");
  g_autofree char *dir = path != NULL ? g_path_get_dirname (path) : NULL;

  if (dir == NULL || g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;
  return prdr_config_section_error (section, "path", error,
                                    "the directory %s does not exist", dir);
}

gboolean
prdr_table_section_check (const PrdrConfigSection *section, GError **error)
{
  const char *name = prdr_config_section_name (section) + strlen ("table:");
  const char *target = prdr_config_section_get_string (section, "target");
  guint backend = prdr_table_section_backend (section);

  if (!prdr_table_name_check (name, NULL))
    return prdr_config_section_error (section, NULL, error, "a table name is 1 to %d"
                                      " of a-z, 0-9, '_' and '-'", PRDR_TABLE_MAX_NAME);
  if (backend == 0)
    return prdr_config_section_error (section, "backend", error,
                                      "\"%s\": use sqlite, odbc, sievedir or log",
                                      prdr_config_section_get_string (section, "backend"));
  for (guint i = 0; i < G_N_ELEMENTS (prdr_table_section_users); i++)
    if (!(prdr_table_section_users[i].backends & backend)
        && prdr_config_section_has_key (section, prdr_table_section_users[i].key))
      return prdr_config_section_error (section, prdr_table_section_users[i].key, error,
                                        "not used by the %s backend",
                                        prdr_config_section_get_string (section, "backend"));
  if (backend == PRDR_TABLE_LOG && strcmp (target, "syslog") != 0
      && !(g_str_has_prefix (target, "file:") && g_path_is_absolute (target + 5)))
    return prdr_config_section_error (section, "target", error,
                                      "\"%s\": use syslog or file:/absolute/path", target);
  if (backend == PRDR_TABLE_ODBC && !prdr_table_section_check_odbc (section, error))
    return FALSE;
  if (backend == PRDR_TABLE_SIEVEDIR && !prdr_table_section_check_sievedir (section, error))
    return FALSE;
  if (!prdr_table_section_check_paths (section, error))
    return FALSE;
  return backend != PRDR_TABLE_SQLITE || prdr_table_section_check_sqlite (section, error);
}

static PrdrTable *
prdr_table_section_open_odbc (const char *name, const PrdrConfigSection *section,
                              GError **error)
{
  PrdrTableOdbcSettings settings = {
    .connection = prdr_config_section_get_string (section, "connection"),
    .login_timeout = prdr_config_section_get_seconds (section, "login-timeout"),
    .query_timeout = prdr_config_section_get_seconds (section, "query-timeout"),
    .retry = prdr_config_section_get_seconds (section, "retry"),
    .connections = prdr_config_section_get_uint (section, "connections"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (prdr_table_section_statements); i++)
    G_STRUCT_MEMBER (const char *, &settings, prdr_table_section_statements[i].offset) =
      prdr_config_section_get_string (section, prdr_table_section_statements[i].key);
  return prdr_table_odbc_new (name, &settings, error);
}

static PrdrTable *
prdr_table_section_open_sievedir (const char *name, const PrdrConfigSection *section,
                                  GError **error)
{
  const char *layout = prdr_config_section_get_string (section, "layout");
  PrdrTableSieveSettings settings = {
    .layout = strcmp (layout, "dovecot") == 0 ? PRDR_TABLE_SIEVE_DOVECOT
                                              : PRDR_TABLE_SIEVE_CYRUS,
    .path = prdr_config_section_get_string (section, "path"),
    .sieve_dir = prdr_config_section_get_string (section, "sieve-dir"),
    .user = prdr_config_section_get_string (section, "user"),
    .before = prdr_config_section_get_list (section, "before"),
    .after = prdr_config_section_get_list (section, "after"),
  };

  return prdr_table_sievedir_new (name, &settings, error);
}

PrdrTable *
prdr_table_section_open (const char *name, const PrdrConfigSection *section,
                         const char *statedir, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *file = g_strconcat (name, ".sqlite", NULL);
  g_autofree char *default_path = g_build_filename (statedir, file, NULL);
  guint backend = section != NULL ? prdr_table_section_backend (section) : PRDR_TABLE_SQLITE;
  const char *path = section != NULL ? prdr_config_section_get_string (section, "path") : NULL;
  PrdrTable *table = NULL;

  if (!prdr_table_name_check (name, error))
    return NULL;
  if (backend == PRDR_TABLE_SQLITE)
    table = prdr_table_sqlite_new (name, path != NULL ? path : default_path, &local);
  else if (backend == PRDR_TABLE_ODBC)
    table = prdr_table_section_open_odbc (name, section, &local);
  else if (backend == PRDR_TABLE_SIEVEDIR)
    table = prdr_table_section_open_sievedir (name, section, &local);
  else
    table = prdr_table_log_new (name, prdr_config_section_get_string (section, "target"),
                                &local);
  if (table == NULL && section != NULL)
    prdr_config_section_error (section, NULL, error, "%s", local->message);
  else if (table == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return table;
}
