/*
 * facts.c - facts of a transaction (facts.h): named strings about one
 * recipient or about the message, set and read under a mutex because cells
 * may run in several threads.
 *
 * A lookup about a recipient falls back to the message-wide fact of the
 * same name.  Limits (limits.h): PRDR_FACTS_MAX facts, names up to
 * PRDR_FACT_NAME_MAX octets, values up to PRDR_FACT_VALUE_MAX; names and
 * values are single-line text.  Setting a fact again replaces its value.
 */
#include <string.h>

#include "error.h"
#include "facts.h"
#include "limits.h"

struct PrdrFacts {
  GMutex lock;           /* guards table */
  GHashTable *table;     /* "SUBJECT/NAME" -> value, both owned */
};

PrdrFacts *
prdr_facts_new (void)
{
  PrdrFacts *facts = g_new0 (PrdrFacts, 1);

  g_mutex_init (&facts->lock);
  facts->table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return facts;
}

void
prdr_facts_free (PrdrFacts *facts)
{
  if (facts == NULL)
    return;
  g_hash_table_unref (facts->table);
  g_mutex_clear (&facts->lock);
  g_free (facts);
}

/* prdr_facts_key - the table key of a fact: subject and name.  Subjects are
 * serial numbers, not addresses: a refused recipient's memory may be reused
 * by the next one, which must not inherit its facts. */
static char *
prdr_facts_key (guint subject, const char *name)
{
  return g_strdup_printf ("%u/%s", subject, name);
}

static gboolean
prdr_facts_text_valid (const char *text, gsize max)
{
  gsize length = strlen (text);

  if (length > max || !g_utf8_validate (text, length, NULL))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (g_ascii_iscntrl (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
prdr_facts_set (PrdrFacts *facts, guint subject, const char *name,
                const char *value, GError **error)
{
  char *key;

  if (*name == '\0' || !prdr_facts_text_valid (name, PRDR_FACT_NAME_MAX)
      || !prdr_facts_text_valid (value, PRDR_FACT_VALUE_MAX))
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT,
                   "fact \"%.*s\": name or value too long (%d, %d) or not single-line text",
                   PRDR_FACT_NAME_MAX, name, PRDR_FACT_NAME_MAX, PRDR_FACT_VALUE_MAX);
      return FALSE;
    }
  key = prdr_facts_key (subject, name);
  g_mutex_lock (&facts->lock);
  if (g_hash_table_size (facts->table) >= PRDR_FACTS_MAX
      && !g_hash_table_contains (facts->table, key))
    {
      g_mutex_unlock (&facts->lock);
      g_free (key);
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT,
                   "fact \"%s\": the transaction has %d facts already", name,
                   PRDR_FACTS_MAX);
      return FALSE;
    }
  g_hash_table_insert (facts->table, key, g_strdup (value));
  g_mutex_unlock (&facts->lock);
  return TRUE;
}

char *
prdr_facts_get (PrdrFacts *facts, guint subject, const char *name)
{
  g_autofree char *own_key = prdr_facts_key (subject, name);
  g_autofree char *message_key = prdr_facts_key (PRDR_FACTS_MESSAGE, name);
  const char *value;
  char *copy;

  g_mutex_lock (&facts->lock);
  value = g_hash_table_lookup (facts->table, own_key);
  if (value == NULL && subject != PRDR_FACTS_MESSAGE)
    value = g_hash_table_lookup (facts->table, message_key);
  copy = g_strdup (value);
  g_mutex_unlock (&facts->lock);
  return copy;
}
