/*
 * config-general.h - the key tables of [general] and [milter] and the
 * checks beyond type and bounds that their values need.
 */
#ifndef PRDR_ENGINE_CONFIG_GENERAL_H
#define PRDR_ENGINE_CONFIG_GENERAL_H

#include <prdr/config.h>

G_BEGIN_DECLS

extern const PrdrConfigKey prdr_config_general_keys[];
extern const PrdrConfigKey prdr_config_milter_keys[];

/* bounce-mode is known and implemented, log is "syslog", "stderr" or
 * "file:/absolute/path", paths are absolute. */
gboolean prdr_config_general_check (const PrdrConfigSection *general, GError **error);
/* socket is "unix:/path", "inet:PORT@HOST" or "inet6:PORT@HOST". */
gboolean prdr_config_milter_check (const PrdrConfigSection *milter, GError **error);

G_END_DECLS

#endif
