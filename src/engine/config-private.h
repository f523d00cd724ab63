/*
 * config-private.h - what config.c, config-value.c and config-general.c
 * share: the section structure, parsed values and error helpers.
 */
#ifndef PRDR_ENGINE_CONFIG_PRIVATE_H
#define PRDR_ENGINE_CONFIG_PRIVATE_H

#include <stdarg.h>

#include <prdr/config.h>
#include <prdr/verdict.h>
#include "config-file.h"

G_BEGIN_DECLS

/* PrdrConfigValue - one declared key of a bound section, parsed. */
typedef struct {
  const PrdrConfigKey *row;  /* the owner's row (static) */
  gboolean present;          /* written in the file, not defaulted */
  char *text;                /* the value as written (unescaped), or the default */
  guint64 number;            /* UINT and SECONDS */
  gboolean boolean;          /* BOOLEAN */
  char **list;               /* LIST: the trimmed items */
  PrdrReply *reply;          /* REPLY */
} PrdrConfigValue;

struct PrdrConfigSection {
  PrdrConfig *config;        /* the configuration it belongs to */
  char *name;                /* "general", "exec", "table:greylist" */
  const PrdrConfigKey *keys; /* the owner's table (static) */
  GHashTable *values;        /* key name -> PrdrConfigValue, one per row */
};

PrdrConfigValue *prdr_config_value_new (const PrdrConfigKey *row);
void prdr_config_value_free (PrdrConfigValue *value);
/* prdr_config_value_parse - check @text against the value's row and store
 * its parsed form in @value; errors name the section, key and line. */
gboolean prdr_config_value_parse (const PrdrConfigSection *section,
                                  PrdrConfigValue *value, const char *text,
                                  GError **error);

/* The file name used in messages, and the line of a section or key (0 when
 * the file does not have it). */
const char *prdr_config_file (const PrdrConfig *config);
guint prdr_config_line (const PrdrConfig *config, const char *section, const char *key);

/* "FILE:LINE: [section] key: message" with @code. */
void prdr_config_error_set (const PrdrConfig *config, guint line, const char *section,
                            const char *key, PrdrConfigError code, GError **error,
                            const char *format, ...) G_GNUC_PRINTF (7, 8);
void prdr_config_error_set_valist (const PrdrConfig *config, guint line,
                                   const char *section, const char *key,
                                   PrdrConfigError code, GError **error,
                                   const char *format, va_list args)
  G_GNUC_PRINTF (7, 0);
/* prdr_config_section_error with an explicit error code; returns FALSE. */
gboolean prdr_config_section_error_code (const PrdrConfigSection *section,
                                         const char *key, PrdrConfigError code,
                                         GError **error, const char *format, ...)
  G_GNUC_PRINTF (5, 6);

G_END_DECLS

#endif
