/*
 * expire.h - the thread that removes expired rows from every open table
 * every [general] expire interval (prdr_table_registry_expire).
 */
#ifndef PRDR_MILTER_EXPIRE_H
#define PRDR_MILTER_EXPIRE_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct PrdrMilterExpirer PrdrMilterExpirer;

/* prdr_milter_expirer_start - expire every @interval_seconds (the first run
 * one interval after start); 0 means never (NULL is returned). */
PrdrMilterExpirer *prdr_milter_expirer_start (guint64 interval_seconds);
/* prdr_milter_expirer_stop - wake the thread, wait for it, free; NULL is
 * allowed. */
void prdr_milter_expirer_stop (PrdrMilterExpirer *expirer);

G_END_DECLS

#endif
