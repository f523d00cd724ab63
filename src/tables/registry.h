/*
 * registry.h - the tables of the running daemon, for prdr-milter's main()
 * (see INTERFACES.md).  prdr_table_open() of include/prdr/table.h looks
 * tables up here.
 */
#ifndef PRDR_TABLES_REGISTRY_H
#define PRDR_TABLES_REGISTRY_H

#include <prdr/table.h>

#include "config-file.h"

G_BEGIN_DECLS

/* prdr_table_registry_init - bind and check every [table:NAME] section of
 * @config (errors "FILE:LINE: [table:NAME] key: message"); tables are opened
 * on first prdr_table_open().  A table without a section is SQLite in
 * [general] statedir.  @config must outlive the registry. */
gboolean prdr_table_registry_init (PrdrConfig *config, GError **error);

/* prdr_table_registry_expire - prdr_table_expire() on every open table;
 * failures are logged. */
void prdr_table_registry_expire (gint64 now);

/* prdr_table_registry_shutdown - close every table (their pointers become
 * invalid) and forget the configuration. */
void prdr_table_registry_shutdown (void);

G_END_DECLS

#endif
