/*
 * prdr/config.h - configuration sections as modules and table backends see
 * them.
 *
 * The configuration is one INI file (GLib key-file syntax).  A module named
 * "foo" owns the section [foo]; a table named "bar" owns [table:bar].  The
 * owner declares its keys in a NULL-terminated array of PrdrConfigKey rows;
 * the engine refuses keys that are not declared, checks every value against
 * its row (type, bounds) before the owner sees it, and reports errors as
 * "FILE:LINE: [section] key: message".  The owner then reads values with the
 * getters below, which cannot fail: a key that is absent yields the row's
 * default.
 */
#ifndef PRDR_CONFIG_H
#define PRDR_CONFIG_H

#include <glib.h>
#include <prdr/verdict.h>

G_BEGIN_DECLS

typedef enum {
  PRDR_CONFIG_STRING,   /* any single-line text */
  PRDR_CONFIG_UINT,     /* a decimal number within [min, max] */
  PRDR_CONFIG_BOOLEAN,  /* yes/no, true/false, on/off, 1/0 */
  PRDR_CONFIG_SECONDS,  /* a duration: "30", "30s", "5m", "2h", "5d"; within [min, max] seconds */
  PRDR_CONFIG_LIST,     /* a comma-separated list; items are trimmed */
  PRDR_CONFIG_REPLY,    /* an SMTP reply "550 5.7.1 text", validated as prdr_reply_parse() */
} PrdrConfigType;

/* PrdrConfigKey - one configurable key: its name, type, bounds (UINT and
 * SECONDS only), default as it would be written in the file (NULL: no
 * default, the getter returns NULL / 0) and a one-line description for
 * prdr-milter -h and the man page. */
typedef struct {
  const char *key;
  PrdrConfigType type;
  guint64 min;
  guint64 max;
  const char *default_value;
  const char *description;
} PrdrConfigKey;

typedef struct PrdrConfigSection PrdrConfigSection;

/* The section's name ("exec", "table:greylist"), and the file it came from. */
const char *prdr_config_section_name (const PrdrConfigSection *section);

/* Getters.  @key must be one of the section owner's declared keys (another
 * key, or a getter of another type, is a bug: a critical and a zero value).
 * get_string works for every type and gives the value as written.  Strings
 * are owned by the section, which lives as long as the configuration. */
const char *prdr_config_section_get_string (const PrdrConfigSection *section,
                                            const char *key);
guint64 prdr_config_section_get_uint (const PrdrConfigSection *section,
                                      const char *key);
gboolean prdr_config_section_get_boolean (const PrdrConfigSection *section,
                                          const char *key);
guint64 prdr_config_section_get_seconds (const PrdrConfigSection *section,
                                         const char *key);
/* NULL-terminated (empty, never NULL, when the key has no value), owned by
 * the section. */
const char *const *prdr_config_section_get_list (const PrdrConfigSection *section,
                                                 const char *key);
/* A REPLY key's reply, newly allocated (free with prdr_reply_free()).  A
 * value that gives only text, or only an enhanced code and text, takes the
 * missing parts from the row's default. */
PrdrReply *prdr_config_section_get_reply (const PrdrConfigSection *section,
                                          const char *key);
/* TRUE when the key is written in the file (as opposed to defaulted). */
gboolean prdr_config_section_has_key (const PrdrConfigSection *section,
                                      const char *key);

/* prdr_config_section_error - set @error to "FILE:LINE: [section] key:
 * message" for a value the owner finds wrong beyond its type and bounds (a
 * program path that is not absolute, say).  @key may be NULL for the section
 * itself.  Returns FALSE, so that an owner can write
 * "return prdr_config_section_error (...);". */
gboolean prdr_config_section_error (const PrdrConfigSection *section,
                                    const char *key, GError **error,
                                    const char *format, ...) G_GNUC_PRINTF (4, 5);

/* The error domain of configuration errors. */
#define PRDR_CONFIG_ERROR (prdr_config_error_quark ())
GQuark prdr_config_error_quark (void);
typedef enum {
  PRDR_CONFIG_ERROR_SYNTAX,    /* the file is not a key file */
  PRDR_CONFIG_ERROR_UNKNOWN,   /* a section or key nobody declared */
  PRDR_CONFIG_ERROR_VALUE,     /* a value out of type or bounds */
  PRDR_CONFIG_ERROR_IO,        /* the file cannot be read */
} PrdrConfigError;

G_END_DECLS

#endif
