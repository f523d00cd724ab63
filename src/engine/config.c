/*
 * config.c - the configuration file: loading it, checking every section
 * against its owner's key table, and the getters of prdr/config.h.
 *
 * Public functions: config-file.h (prdr_config_load, _load_data, _free,
 * _general, _milter, _bind, _section_names, _check_unbound) and
 * prdr/config.h (prdr_config_section_* getters, prdr_config_section_error).
 *
 * The file is GLib key-file syntax.  GKeyFile gives no line numbers, so
 * before handing the text to it we index it ourselves (config_index below):
 * every "[section]" and "key = value" line is recorded, and every line
 * GKeyFile would refuse is reported here with its number.  Every error is
 * "FILE:LINE: [section] key: message".  Sections given twice and keys given
 * twice in a section are errors too (GKeyFile would silently merge them).
 *
 * Values are checked when a section is bound (prdr_config_bind): unknown
 * keys are errors, values are parsed by type (config-value.c) and the
 * parsed form is what the getters return, so they cannot fail.
 *
 * Limits: the file is at most PRDR_CONFIG_FILE_MAX octets.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "config-file.h"
#include "config-private.h"
#include "config-general.h"
#include "limits.h"

G_DEFINE_QUARK (prdr-config-error-quark, prdr_config_error)

/* The UTF-8 byte-order mark some editors write first (GKeyFile refuses it). */
#define PRDR_CONFIG_BOM "\xef\xbb\xbf"

/* Separates section and key in the line index's keys. */
#define PRDR_CONFIG_INDEX_SEPARATOR "\037"

struct PrdrConfig {
  char *file;              /* the file name used in messages */
  GKeyFile *keyfile;       /* the parsed file */
  GHashTable *lines;       /* "section" or "section\037key" -> line number */
  GPtrArray *sections;     /* section names in file order (strings, owned) */
  GHashTable *keys;        /* section name -> GPtrArray of its keys in file order */
  GHashTable *bound;       /* name -> PrdrConfigSection, owned */
  PrdrConfigSection *general;   /* [general], in bound */
  PrdrConfigSection *milter;    /* [milter], in bound */
};

/* ---- errors ------------------------------------------------------------ */

void
prdr_config_error_set_valist (const PrdrConfig *config, guint line,
                              const char *section, const char *key,
                              PrdrConfigError code, GError **error,
                              const char *format, va_list args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  g_autoptr (GString) where = g_string_new (config->file);

  if (line > 0)
    g_string_append_printf (where, ":%u", line);
  if (section != NULL && key != NULL)
    g_string_append_printf (where, ": [%s] %s", section, key);
  else if (section != NULL)
    g_string_append_printf (where, ": [%s]", section);
  g_set_error (error, PRDR_CONFIG_ERROR, code, "%s: %s", where->str, message);
}

void
prdr_config_error_set (const PrdrConfig *config, guint line, const char *section,
                       const char *key, PrdrConfigError code, GError **error,
                       const char *format, ...)
{
  va_list args;

  va_start (args, format);
  prdr_config_error_set_valist (config, line, section, key, code, error, format, args);
  va_end (args);
}

/* prdr_config_line - the line of @section (and @key, when not NULL), 0 when
 * the file does not have it. */
guint
prdr_config_line (const PrdrConfig *config, const char *section, const char *key)
{
  g_autofree char *index_key = key
    ? g_strconcat (section, PRDR_CONFIG_INDEX_SEPARATOR, key, NULL)
    : g_strdup (section);
  gpointer line = g_hash_table_lookup (config->lines, index_key);

  if (line == NULL && key != NULL)
    return prdr_config_line (config, section, NULL);
  return GPOINTER_TO_UINT (line);
}

const char *
prdr_config_file (const PrdrConfig *config)
{
  return config->file;
}

/* ---- the line index ---------------------------------------------------- */

typedef struct {
  PrdrConfig *config;
  guint number;            /* of the current line, from 1 */
  char *section;           /* the current section, NULL before the first */
} PrdrConfigScan;

/* prdr_config_section_name_valid - what GKeyFile accepts as a group name. */
static gboolean
prdr_config_section_name_valid (const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (*p == '[' || *p == ']' || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

/* prdr_config_index_remember - record @index_key at the scan's line; a key
 * already recorded is an error naming the first line. */
static gboolean
prdr_config_index_remember (PrdrConfigScan *scan, char *index_key,
                            const char *section, const char *key, GError **error)
{
  guint first = GPOINTER_TO_UINT (g_hash_table_lookup (scan->config->lines, index_key));

  if (first != 0)
    {
      prdr_config_error_set (scan->config, scan->number, section, key,
                             PRDR_CONFIG_ERROR_SYNTAX, error,
                             "given twice (first at line %u)", first);
      g_free (index_key);
      return FALSE;
    }
  g_hash_table_insert (scan->config->lines, index_key, GUINT_TO_POINTER (scan->number));
  return TRUE;
}

static gboolean
prdr_config_index_section (PrdrConfigScan *scan, const char *line, GError **error)
{
  const char *end = strrchr (line, ']');
  g_autofree char *name = NULL;

  if (end == NULL || end[1 + strspn (end + 1, " \t")] != '\0')
    {
      prdr_config_error_set (scan->config, scan->number, NULL, NULL,
                             PRDR_CONFIG_ERROR_SYNTAX, error,
                             "a section header must be \"[name]\" alone on its line");
      return FALSE;
    }
  name = g_strndup (line + 1, end - line - 1);
  if (!prdr_config_section_name_valid (name))
    {
      prdr_config_error_set (scan->config, scan->number, NULL, NULL,
                             PRDR_CONFIG_ERROR_SYNTAX, error,
                             "\"%s\" is not a valid section name", name);
      return FALSE;
    }
  if (!prdr_config_index_remember (scan, g_strdup (name), name, NULL, error))
    return FALSE;
  g_ptr_array_add (scan->config->sections, g_strdup (name));
  g_hash_table_insert (scan->config->keys, g_strdup (name),
                       g_ptr_array_new_with_free_func (g_free));
  g_free (scan->section);
  scan->section = g_steal_pointer (&name);
  return TRUE;
}

static gboolean
prdr_config_index_key (PrdrConfigScan *scan, const char *line, GError **error)
{
  const char *equals = strchr (line, '=');
  g_autofree char *key = g_strstrip (g_strndup (line, equals - line));

  if (scan->section == NULL)
    {
      prdr_config_error_set (scan->config, scan->number, NULL, NULL,
                             PRDR_CONFIG_ERROR_SYNTAX, error,
                             "\"%s\" comes before any [section]", key);
      return FALSE;
    }
  if (*key == '\0')
    {
      prdr_config_error_set (scan->config, scan->number, scan->section, NULL,
                             PRDR_CONFIG_ERROR_SYNTAX, error,
                             "a line \"= value\" without a key");
      return FALSE;
    }
  if (!prdr_config_index_remember (
        scan, g_strconcat (scan->section, PRDR_CONFIG_INDEX_SEPARATOR, key, NULL),
        scan->section, key, error))
    return FALSE;
  g_ptr_array_add (g_hash_table_lookup (scan->config->keys, scan->section),
                   g_steal_pointer (&key));
  return TRUE;
}

/* prdr_config_index_line - one line of the file, as GKeyFile reads it:
 * leading white space skipped, "#" comments, "[section]", "key = value". */
static gboolean
prdr_config_index_line (PrdrConfigScan *scan, const char *line, GError **error)
{
  while (g_ascii_isspace (*line))
    line++;
  if (*line == '\0' || *line == '#')
    return TRUE;
  if (!g_utf8_validate (line, -1, NULL))
    {
      prdr_config_error_set (scan->config, scan->number, scan->section, NULL,
                             PRDR_CONFIG_ERROR_SYNTAX, error, "the line is not valid UTF-8");
      return FALSE;
    }
  if (*line == '[')
    return prdr_config_index_section (scan, line, error);
  if (strchr (line, '=') != NULL)
    return prdr_config_index_key (scan, line, error);
  prdr_config_error_set (scan->config, scan->number, scan->section, NULL,
                         PRDR_CONFIG_ERROR_SYNTAX, error,
                         "expected \"key = value\", \"[section]\" or a \"#\" comment");
  return FALSE;
}

static gboolean
prdr_config_index (PrdrConfig *config, const char *text, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  PrdrConfigScan scan = { .config = config };
  gboolean ok = TRUE;

  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      gsize length = strlen (lines[i]);

      if (length > 0 && lines[i][length - 1] == '\r')
        lines[i][length - 1] = '\0';
      scan.number = i + 1;
      ok = prdr_config_index_line (&scan, lines[i], error);
    }
  g_free (scan.section);
  return ok;
}

/* ---- loading ----------------------------------------------------------- */

static void
prdr_config_section_free (PrdrConfigSection *section);

PrdrConfig *
prdr_config_load_data (const char *name, const char *text, GError **error)
{
  g_autoptr (PrdrConfig) config = g_new0 (PrdrConfig, 1);
  g_autoptr (GError) local = NULL;
  gsize length = strlen (text);

  config->file = g_strdup (name);
  config->keyfile = g_key_file_new ();
  config->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  config->sections = g_ptr_array_new_with_free_func (g_free);
  config->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  config->bound = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) prdr_config_section_free);
  if (length > PRDR_CONFIG_FILE_MAX)
    {
      prdr_config_error_set (config, 0, NULL, NULL, PRDR_CONFIG_ERROR_IO, error,
                             "larger than %d octets", PRDR_CONFIG_FILE_MAX);
      return NULL;
    }
  if (g_str_has_prefix (text, PRDR_CONFIG_BOM))
    {
      prdr_config_error_set (config, 1, NULL, NULL, PRDR_CONFIG_ERROR_SYNTAX, error,
                             "the file starts with a byte-order mark: save it as "
                             "UTF-8 without one");
      return NULL;
    }
  if (!prdr_config_index (config, text, error))
    return NULL;
  if (!g_key_file_load_from_data (config->keyfile, text, length,
                                  G_KEY_FILE_NONE, &local))
    {
      prdr_config_error_set (config, 0, NULL, NULL, PRDR_CONFIG_ERROR_SYNTAX, error,
                             "%s", local->message);
      return NULL;
    }
  config->general = (PrdrConfigSection *) prdr_config_bind (
    config, "general", prdr_config_general_keys, error);
  if (config->general == NULL || !prdr_config_general_check (config->general, error))
    return NULL;
  config->milter = (PrdrConfigSection *) prdr_config_bind (
    config, "milter", prdr_config_milter_keys, error);
  if (config->milter == NULL || !prdr_config_milter_check (config->milter, error))
    return NULL;
  return g_steal_pointer (&config);
}

PrdrConfig *
prdr_config_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, PRDR_CONFIG_ERROR, PRDR_CONFIG_ERROR_IO, "%s: %s",
                   path, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > PRDR_CONFIG_FILE_MAX)
    {
      g_set_error (error, PRDR_CONFIG_ERROR, PRDR_CONFIG_ERROR_IO,
                   "%s: not a regular file of at most %d octets", path,
                   PRDR_CONFIG_FILE_MAX);
      return NULL;
    }
  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, PRDR_CONFIG_ERROR, PRDR_CONFIG_ERROR_IO, "%s", local->message);
      return NULL;
    }
  return prdr_config_load_data (path, text, error);
}

void
prdr_config_free (PrdrConfig *config)
{
  if (config == NULL)
    return;
  g_hash_table_unref (config->bound);
  g_ptr_array_unref (config->sections);
  g_hash_table_unref (config->keys);
  g_hash_table_unref (config->lines);
  g_key_file_unref (config->keyfile);
  g_free (config->file);
  g_free (config);
}

const PrdrConfigSection *
prdr_config_general (const PrdrConfig *config)
{
  return config->general;
}

const PrdrConfigSection *
prdr_config_milter (const PrdrConfig *config)
{
  return config->milter;
}

char **
prdr_config_section_names (const PrdrConfig *config, const char *prefix)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < config->sections->len; i++)
    {
      const char *name = g_ptr_array_index (config->sections, i);
      if (g_str_has_prefix (name, prefix))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

gboolean
prdr_config_check_unbound (const PrdrConfig *config, GError **error)
{
  for (guint i = 0; i < config->sections->len; i++)
    {
      const char *name = g_ptr_array_index (config->sections, i);
      if (!g_hash_table_contains (config->bound, name))
        {
          prdr_config_error_set (config, prdr_config_line (config, name, NULL), name,
                                 NULL, PRDR_CONFIG_ERROR_UNKNOWN, error,
                                 "unknown section: not [general], [milter], "
                                 "a module of [general] modules, or a [table:NAME]");
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- binding ----------------------------------------------------------- */

static void
prdr_config_section_free (PrdrConfigSection *section)
{
  if (section == NULL)
    return;
  g_hash_table_unref (section->values);
  g_free (section->name);
  g_free (section);
}

/* prdr_config_key_names - "a, b, c": the keys of a table, for messages. */
static char *
prdr_config_key_names (const PrdrConfigKey *keys)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (const PrdrConfigKey *row = keys; row != NULL && row->key != NULL; row++)
    g_string_append_printf (names, "%s%s", names->len ? ", " : "", row->key);
  return g_strdup (names->len ? names->str : "none");
}

/* prdr_config_bind_defaults - a value for every row, from its default. */
static gboolean
prdr_config_bind_defaults (PrdrConfigSection *section, GError **error)
{
  for (const PrdrConfigKey *row = section->keys; row != NULL && row->key != NULL; row++)
    {
      PrdrConfigValue *value = prdr_config_value_new (row);

      g_hash_table_insert (section->values, (gpointer) row->key, value);
      if (row->default_value != NULL
          && !prdr_config_value_parse (section, value, row->default_value, error))
        return FALSE;
    }
  return TRUE;
}

/* prdr_config_bind_file - the keys the file gives for the section, in file
 * order, as the line index saw them (GKeyFile hides some, such as
 * "key[locale]", which are unknown keys here). */
static gboolean
prdr_config_bind_file (PrdrConfigSection *section, GError **error)
{
  PrdrConfig *config = section->config;
  GPtrArray *keys = g_hash_table_lookup (config->keys, section->name);

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      PrdrConfigValue *value = g_hash_table_lookup (section->values, key);
      g_autofree char *text = NULL;
      g_autoptr (GError) local = NULL;

      if (value == NULL)
        {
          g_autofree char *known = prdr_config_key_names (section->keys);
          return prdr_config_section_error_code (section, key, PRDR_CONFIG_ERROR_UNKNOWN,
                                                 error, "unknown key (known keys: %s)", known);
        }
      text = g_key_file_get_string (config->keyfile, section->name, key, &local);
      /* GKeyFile may return the text and an error (a bad escape) */
      if (text == NULL || local != NULL)
        return prdr_config_section_error (section, key, error,
                                          "the value has an invalid escape sequence "
                                          "(known: \\s \\t \\n \\r \\\\)");
      if (!prdr_config_value_parse (section, value, text, error))
        return FALSE;
      value->present = TRUE;
    }
  return TRUE;
}

const PrdrConfigSection *
prdr_config_bind (PrdrConfig *config, const char *name, const PrdrConfigKey *keys,
                  GError **error)
{
  PrdrConfigSection *section = g_hash_table_lookup (config->bound, name);

  if (section != NULL)
    {
      if (section->keys == keys)
        return section;
      prdr_config_error_set (config, prdr_config_line (config, name, NULL), name, NULL,
                             PRDR_CONFIG_ERROR_UNKNOWN, error,
                             "claimed by two owners (a module and a table of the same name?)");
      return NULL;
    }
  section = g_new0 (PrdrConfigSection, 1);
  section->config = config;
  section->name = g_strdup (name);
  section->keys = keys;
  section->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) prdr_config_value_free);
  if (!prdr_config_bind_defaults (section, error) || !prdr_config_bind_file (section, error))
    {
      prdr_config_section_free (section);
      return NULL;
    }
  g_hash_table_insert (config->bound, section->name, section);
  return section;
}
