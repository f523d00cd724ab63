/*
 * facts.h - the facts modules publish in a transaction (prdr/transaction.h
 * describes them to modules).  Private to the engine.
 */
#ifndef PRDR_ENGINE_FACTS_H
#define PRDR_ENGINE_FACTS_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct PrdrFacts PrdrFacts;

/* The subject of message-wide facts (recipients' serials start at 1). */
#define PRDR_FACTS_MESSAGE 0

PrdrFacts *prdr_facts_new (void);
void prdr_facts_free (PrdrFacts *facts);
/* prdr_facts_set - @value for @name about @subject (a recipient's serial
 * number, unique in its transaction, or PRDR_FACTS_MESSAGE).  FALSE with @error when the name or value is too long,
 * holds control characters, or the transaction has PRDR_FACTS_MAX facts. */
gboolean prdr_facts_set (PrdrFacts *facts, guint subject, const char *name,
                         const char *value, GError **error);
/* prdr_facts_get - a copy of the value about @subject, else of the
 * message-wide one, else NULL. */
char *prdr_facts_get (PrdrFacts *facts, guint subject, const char *name);

G_END_DECLS

#endif
