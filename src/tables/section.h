/*
 * section.h - a [table:NAME] section: its keys, their checks, and opening
 * the backend it describes (section.c).
 */
#ifndef PRDR_TABLES_SECTION_H
#define PRDR_TABLES_SECTION_H

#include <prdr/config.h>

#include "backend.h"

G_BEGIN_DECLS

/* The key table every [table:NAME] section is bound with. */
extern const PrdrConfigKey prdr_table_section_keys[];

/* prdr_table_section_check - what types and bounds cannot say: a known
 * backend, only its keys, required keys, absolute paths, statement
 * parameters. */
gboolean prdr_table_section_check (const PrdrConfigSection *section, GError **error);

/* prdr_table_section_open - the table @name as @section describes it, or
 * the default (SQLite at @statedir/NAME.sqlite) when @section is NULL. */
PrdrTable *prdr_table_section_open (const char *name, const PrdrConfigSection *section,
                                    const char *statedir, GError **error);

G_END_DECLS

#endif
