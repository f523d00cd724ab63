/*
 * registry.c - the daemon's tables: the [table:NAME] sections bound at
 * start-up (prdr_table_registry_init), each table opened on its first
 * prdr_table_open() and shared from then on, expiry runs over the open
 * tables, and shutdown.  The one registry is the only mutable global of
 * the area; a mutex guards it, so modules may open tables from any thread.
 */
#include <string.h>

#include "log.h"
#include "registry.h"
#include "section.h"

typedef struct {
  GMutex lock;            /* guards tables */
  char *statedir;         /* [general] statedir: default SQLite files */
  GHashTable *sections;   /* NAME -> const PrdrConfigSection * (owned by the config) */
  GHashTable *tables;     /* NAME -> PrdrTable *, owned */
} PrdrTableRegistry;

static PrdrTableRegistry *prdr_table_registry;

static void
prdr_table_registry_free (PrdrTableRegistry *registry)
{
  g_hash_table_unref (registry->tables);
  g_hash_table_unref (registry->sections);
  g_free (registry->statedir);
  g_mutex_clear (&registry->lock);
  g_free (registry);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrTableRegistry, prdr_table_registry_free)

gboolean
prdr_table_registry_init (PrdrConfig *config, GError **error)
{
  g_autoptr (PrdrTableRegistry) registry = NULL;
  g_auto (GStrv) names = prdr_config_section_names (config, "table:");

  if (prdr_table_registry != NULL)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED,
                   "the table registry is initialised already");
      return FALSE;
    }
  registry = g_new0 (PrdrTableRegistry, 1);
  g_mutex_init (&registry->lock);
  registry->statedir = g_strdup (prdr_config_section_get_string
                                 (prdr_config_general (config), "statedir"));
  registry->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  registry->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) prdr_table_free);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const PrdrConfigSection *section =
        prdr_config_bind (config, names[i], prdr_table_section_keys, error);

      if (section == NULL || !prdr_table_section_check (section, error))
        return FALSE;
      g_hash_table_insert (registry->sections, g_strdup (names[i] + strlen ("table:")),
                           (gpointer) section);
    }
  prdr_table_registry = g_steal_pointer (&registry);
  return TRUE;
}

PrdrTable *
prdr_table_open (const char *name, GError **error)
{
  PrdrTableRegistry *registry = prdr_table_registry;
  PrdrTable *table;

  if (registry == NULL)
    {
      g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_FAILED,
                   "table %s: the table registry is not initialised", name);
      return NULL;
    }
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&registry->lock);
  table = g_hash_table_lookup (registry->tables, name);
  if (table != NULL)
    return table;
  table = prdr_table_section_open (name, g_hash_table_lookup (registry->sections, name),
                                   registry->statedir, error);
  if (table != NULL)
    g_hash_table_insert (registry->tables, g_strdup (name), table);
  return table;
}

void
prdr_table_registry_expire (gint64 now)
{
  PrdrTableRegistry *registry = prdr_table_registry;
  g_autoptr (GPtrArray) tables = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer table;

  if (registry == NULL)
    return;
  /* Tables stay open until shutdown: expire them outside the lock, so that
   * a slow database does not hold up prdr_table_open(). */
  g_mutex_lock (&registry->lock);
  g_hash_table_iter_init (&iter, registry->tables);
  while (g_hash_table_iter_next (&iter, NULL, &table))
    g_ptr_array_add (tables, table);
  g_mutex_unlock (&registry->lock);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autoptr (GError) error = NULL;

      if (!prdr_table_expire (tables->pdata[i], now, &error))
        prdr_log (G_LOG_LEVEL_WARNING, "expiry run: %s", error->message);
    }
}

void
prdr_table_registry_shutdown (void)
{
  g_clear_pointer (&prdr_table_registry, prdr_table_registry_free);
}
