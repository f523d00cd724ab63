/*
 * config-value.c - configuration values: parsing a value by the type of its
 * PrdrConfigKey row, and the getters of prdr/config.h that read the parsed
 * form.
 *
 * Types (prdr/config.h): STRING single-line text; UINT decimal within
 * [min, max]; BOOLEAN yes/no, true/false, on/off, 1/0; SECONDS a number with
 * an optional suffix s, m, h or d, within [min, max] seconds; LIST items
 * separated by commas, trimmed, empty items dropped, at most
 * PRDR_CONFIG_LIST_MAX; REPLY as prdr_reply_parse(), its missing parts from
 * the row's default.
 *
 * Getters called with a key the owner did not declare, or of another type,
 * are the owner's bug: they log a critical and return the zero value.
 */
#include <string.h>

#include "config-private.h"
#include "limits.h"

/* The reply a REPLY row without a usable default falls back on. */
#define PRDR_CONFIG_REPLY_DEFAULT_CODE "550"
#define PRDR_CONFIG_REPLY_DEFAULT_ENHANCED "5.7.1"

PrdrConfigValue *
prdr_config_value_new (const PrdrConfigKey *row)
{
  PrdrConfigValue *value = g_new0 (PrdrConfigValue, 1);
  value->row = row;
  return value;
}

static void
prdr_config_value_clear (PrdrConfigValue *value)
{
  g_clear_pointer (&value->text, g_free);
  g_clear_pointer (&value->list, g_strfreev);
  g_clear_pointer (&value->reply, prdr_reply_free);
  value->number = 0;
  value->boolean = FALSE;
}

void
prdr_config_value_free (PrdrConfigValue *value)
{
  if (value == NULL)
    return;
  prdr_config_value_clear (value);
  g_free (value);
}

/* ---- errors ------------------------------------------------------------ */

gboolean
prdr_config_section_error_code (const PrdrConfigSection *section, const char *key,
                                PrdrConfigError code, GError **error,
                                const char *format, ...)
{
  va_list args;

  va_start (args, format);
  prdr_config_error_set_valist (section->config,
                                prdr_config_line (section->config, section->name, key),
                                section->name, key, code, error, format, args);
  va_end (args);
  return FALSE;
}

gboolean
prdr_config_section_error (const PrdrConfigSection *section, const char *key,
                           GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  prdr_config_error_set_valist (section->config,
                                prdr_config_line (section->config, section->name, key),
                                section->name, key, PRDR_CONFIG_ERROR_VALUE, error,
                                format, args);
  va_end (args);
  return FALSE;
}

/* ---- parsing by type --------------------------------------------------- */

/* prdr_config_text_single_line - no control characters but TAB. */
static gboolean
prdr_config_text_single_line (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((g_ascii_iscntrl (*p) && *p != '\t'))
      return FALSE;
  return TRUE;
}

static gboolean
prdr_config_parse_uint (const PrdrConfigSection *section, PrdrConfigValue *value,
                        const char *text, GError **error)
{
  const PrdrConfigKey *row = value->row;

  if (*text == '\0' || strspn (text, "0123456789") != strlen (text)
      || !g_ascii_string_to_unsigned (text, 10, row->min, row->max, &value->number, NULL))
    return prdr_config_section_error (section, row->key, error,
                                      "\"%s\" is not a whole number from %" G_GUINT64_FORMAT
                                      " to %" G_GUINT64_FORMAT, text, row->min, row->max);
  return TRUE;
}

/* prdr_config_seconds_unit - the seconds of a suffix, 0 for an unknown one. */
static guint64
prdr_config_seconds_unit (const char *suffix)
{
  if (*suffix == '\0' || g_str_equal (suffix, "s"))
    return 1;
  if (g_str_equal (suffix, "m"))
    return 60;
  if (g_str_equal (suffix, "h"))
    return 3600;
  if (g_str_equal (suffix, "d"))
    return 86400;
  return 0;
}

static gboolean
prdr_config_parse_seconds (const PrdrConfigSection *section, PrdrConfigValue *value,
                           const char *text, GError **error)
{
  const PrdrConfigKey *row = value->row;
  gsize digits = strspn (text, "0123456789");
  guint64 unit = prdr_config_seconds_unit (text + digits);
  g_autofree char *number = g_strndup (text, digits);
  guint64 count = 0;

  if (digits == 0 || unit == 0
      || !g_ascii_string_to_unsigned (number, 10, 0, G_MAXUINT64 / unit, &count, NULL)
      || count * unit < row->min || count * unit > row->max)
    return prdr_config_section_error (section, row->key, error,
                                      "\"%s\" is not a duration (a number with an optional "
                                      "s, m, h or d) from %" G_GUINT64_FORMAT " to %"
                                      G_GUINT64_FORMAT " seconds", text, row->min, row->max);
  value->number = count * unit;
  return TRUE;
}

static gboolean
prdr_config_parse_boolean (const PrdrConfigSection *section, PrdrConfigValue *value,
                           const char *text, GError **error)
{
  static const char *const yes[] = { "yes", "true", "on", "1", NULL };
  static const char *const no[] = { "no", "false", "off", "0", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        {
          value->boolean = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        {
          value->boolean = FALSE;
          return TRUE;
        }
    }
  return prdr_config_section_error (section, value->row->key, error,
                                    "\"%s\" is not yes/no, true/false, on/off or 1/0", text);
}

static gboolean
prdr_config_parse_list (const PrdrConfigSection *section, PrdrConfigValue *value,
                        const char *text, GError **error)
{
  g_auto (GStrv) items = g_strsplit (text, ",", -1);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      if (*item == '\0')
        continue;
      if (list->len == PRDR_CONFIG_LIST_MAX)
        return prdr_config_section_error (section, value->row->key, error,
                                          "more than %d items", PRDR_CONFIG_LIST_MAX);
      g_ptr_array_add (list, g_strdup (item));
    }
  g_ptr_array_add (list, NULL);
  value->list = (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
  return TRUE;
}

/* prdr_config_reply_defaults - the code and enhanced code a REPLY value
 * without them takes: those of the row's default. */
static PrdrReply *
prdr_config_reply_defaults (const PrdrConfigKey *row)
{
  PrdrReply *reply = NULL;

  if (row->default_value != NULL)
    reply = prdr_reply_parse (row->default_value, PRDR_CONFIG_REPLY_DEFAULT_CODE,
                              PRDR_CONFIG_REPLY_DEFAULT_ENHANCED, NULL);
  if (reply == NULL)
    reply = prdr_reply_new (PRDR_CONFIG_REPLY_DEFAULT_CODE,
                            PRDR_CONFIG_REPLY_DEFAULT_ENHANCED, "", NULL);
  return reply;
}

static gboolean
prdr_config_parse_reply (const PrdrConfigSection *section, PrdrConfigValue *value,
                         const char *text, GError **error)
{
  g_autoptr (PrdrReply) defaults = prdr_config_reply_defaults (value->row);
  g_autoptr (GError) local = NULL;

  value->reply = prdr_reply_parse (text, defaults->code, defaults->enhanced_code, &local);
  if (value->reply == NULL)
    return prdr_config_section_error (section, value->row->key, error, "%s", local->message);
  return TRUE;
}

gboolean
prdr_config_value_parse (const PrdrConfigSection *section, PrdrConfigValue *value,
                         const char *text, GError **error)
{
  prdr_config_value_clear (value);
  if (!prdr_config_text_single_line (text))
    return prdr_config_section_error (section, value->row->key, error,
                                      "the value contains control characters");
  value->text = g_strdup (text);
  switch (value->row->type)
    {
    case PRDR_CONFIG_STRING:
      return TRUE;
    case PRDR_CONFIG_UINT:
      return prdr_config_parse_uint (section, value, text, error);
    case PRDR_CONFIG_BOOLEAN:
      return prdr_config_parse_boolean (section, value, text, error);
    case PRDR_CONFIG_SECONDS:
      return prdr_config_parse_seconds (section, value, text, error);
    case PRDR_CONFIG_LIST:
      return prdr_config_parse_list (section, value, text, error);
    case PRDR_CONFIG_REPLY:
      return prdr_config_parse_reply (section, value, text, error);
    }
  return prdr_config_section_error (section, value->row->key, error,
                                    "the key's type %d is unknown", value->row->type);
}

/* ---- getters ----------------------------------------------------------- */

const char *
prdr_config_section_name (const PrdrConfigSection *section)
{
  return section->name;
}

/* prdr_config_value_get - the value of a declared key of type @type (or any
 * type when @type is -1); a critical and NULL otherwise. */
static const PrdrConfigValue *
prdr_config_value_get (const PrdrConfigSection *section, const char *key, int type)
{
  const PrdrConfigValue *value = g_hash_table_lookup (section->values, key);

  if (value == NULL)
    {
      g_critical ("[%s] %s: read but not declared by the section's owner", section->name, key);
      return NULL;
    }
  if (type >= 0 && (int) value->row->type != type)
    {
      g_critical ("[%s] %s: read with the getter of another type", section->name, key);
      return NULL;
    }
  return value;
}

const char *
prdr_config_section_get_string (const PrdrConfigSection *section, const char *key)
{
  const PrdrConfigValue *value = prdr_config_value_get (section, key, -1);
  return value ? value->text : NULL;
}

guint64
prdr_config_section_get_uint (const PrdrConfigSection *section, const char *key)
{
  const PrdrConfigValue *value = prdr_config_value_get (section, key, PRDR_CONFIG_UINT);
  return value ? value->number : 0;
}

gboolean
prdr_config_section_get_boolean (const PrdrConfigSection *section, const char *key)
{
  const PrdrConfigValue *value = prdr_config_value_get (section, key, PRDR_CONFIG_BOOLEAN);
  return value ? value->boolean : FALSE;
}

guint64
prdr_config_section_get_seconds (const PrdrConfigSection *section, const char *key)
{
  const PrdrConfigValue *value = prdr_config_value_get (section, key, PRDR_CONFIG_SECONDS);
  return value ? value->number : 0;
}

const char *const *
prdr_config_section_get_list (const PrdrConfigSection *section, const char *key)
{
  static const char *const empty[] = { NULL };
  const PrdrConfigValue *value = prdr_config_value_get (section, key, PRDR_CONFIG_LIST);
  return value && value->list ? (const char *const *) value->list : empty;
}

PrdrReply *
prdr_config_section_get_reply (const PrdrConfigSection *section, const char *key)
{
  const PrdrConfigValue *value = prdr_config_value_get (section, key, PRDR_CONFIG_REPLY);
  return value ? prdr_reply_copy (value->reply) : NULL;
}

gboolean
prdr_config_section_has_key (const PrdrConfigSection *section, const char *key)
{
  const PrdrConfigValue *value = prdr_config_value_get (section, key, -1);
  return value ? value->present : FALSE;
}
