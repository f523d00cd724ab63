/*
 * config-file.h - loading the configuration file: [general], [milter],
 * [smtpd] and the sections modules and tables bind with their key tables.
 *
 * Private to prdr-milter; modules see include/prdr/config.h.  Errors are
 * "FILE:LINE: message" (GLib's key-file parser gives no line numbers, so the
 * loader indexes the lines of sections and keys itself).
 *
 * prdr_config_load() checks [general] and [milter] against their key tables.
 * Module and table sections are checked when their owner binds them
 * (prdr_config_bind()); prdr_config_check_unbound() then reports any section
 * nobody bound (a typo in a section name is an error, not ignored).
 *
 * [general] keys: modules, bounce-mode, user, pidfile, log, sendmail,
 *                 spooldir, statedir, expire
 * [milter] keys:  socket, timeout
 */
#ifndef PRDR_ENGINE_CONFIG_FILE_H
#define PRDR_ENGINE_CONFIG_FILE_H

#include <prdr/config.h>

G_BEGIN_DECLS

typedef struct PrdrConfig PrdrConfig;

PrdrConfig *prdr_config_load (const char *path, GError **error);
/* The same from text, for tests (@name is used in error messages). */
PrdrConfig *prdr_config_load_data (const char *name, const char *text, GError **error);
void prdr_config_free (PrdrConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrConfig, prdr_config_free)

/* The [general] and [milter] sections (always present, defaults filled). */
const PrdrConfigSection *prdr_config_general (const PrdrConfig *config);
const PrdrConfigSection *prdr_config_milter (const PrdrConfig *config);

/* prdr_config_bind - check section @name against @keys and return it (an
 * empty section with defaults when the file has none).  Owned by @config. */
const PrdrConfigSection *prdr_config_bind (PrdrConfig *config, const char *name,
                                           const PrdrConfigKey *keys, GError **error);
/* The names of the file's sections that start with @prefix ("table:"),
 * NULL-terminated, newly allocated. */
char **prdr_config_section_names (const PrdrConfig *config, const char *prefix);
/* An error for the first section that no one bound. */
gboolean prdr_config_check_unbound (const PrdrConfig *config, GError **error);

G_END_DECLS

#endif
