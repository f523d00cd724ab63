/*
 * registry.c - the module registry (registry.h): built-in modules by name,
 * shared-object modules by absolute path through GModule.
 *
 * A shared object must export PRDR_MODULE_SYMBOL, a pointer to its
 * PrdrModule (PRDR_MODULE_EXPORT in prdr/module.h).  The descriptor is
 * refused when its api_version is not PRDR_MODULE_API_VERSION, its name is
 * not valid, or it has no evaluate().  Loaded objects stay resident: their
 * code runs until the process ends.
 *
 * The registry is process-wide (filled at start-up, then read); a mutex
 * makes it safe anyway.
 */
#include <string.h>

#include "error.h"
#include "limits.h"
#include "registry.h"

static struct {
  GMutex lock;            /* guards the tables */
  GHashTable *builtins;   /* name -> const PrdrModule * */
  GHashTable *loaded;     /* absolute path -> const PrdrModule * (path owned) */
} prdr_module_registry;

/* prdr_module_registry_tables - create the tables on first use; the lock
 * is held. */
static void
prdr_module_registry_tables (void)
{
  if (prdr_module_registry.builtins != NULL)
    return;
  prdr_module_registry.builtins = g_hash_table_new (g_str_hash, g_str_equal);
  prdr_module_registry.loaded = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                       g_free, NULL);
}

gboolean
prdr_module_name_valid (const char *name)
{
  gsize length = name ? strlen (name) : 0;

  if (length == 0 || length > PRDR_MODULE_NAME_MAX)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* prdr_module_check - a descriptor we can use, or an error naming @where. */
static gboolean
prdr_module_check (const PrdrModule *module, const char *where, GError **error)
{
  if (module->api_version != PRDR_MODULE_API_VERSION)
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_MODULE,
                   "%s: built for module API version %u, this is version %u",
                   where, module->api_version, PRDR_MODULE_API_VERSION);
      return FALSE;
    }
  if (!prdr_module_name_valid (module->name))
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_MODULE,
                   "%s: the module name \"%s\" is not lower-case letters, digits, "
                   "'-' and '_' (at most %d)", where, module->name ? module->name : "",
                   PRDR_MODULE_NAME_MAX);
      return FALSE;
    }
  if (module->evaluate == NULL)
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_MODULE,
                   "%s: module \"%s\" has no evaluate function", where, module->name);
      return FALSE;
    }
  return TRUE;
}

void
prdr_module_registry_add (const PrdrModule *module)
{
  g_autoptr (GError) error = NULL;

  if (!prdr_module_check (module, "built-in module", &error))
    {
      g_critical ("%s", error->message);
      return;
    }
  g_mutex_lock (&prdr_module_registry.lock);
  prdr_module_registry_tables ();
  g_hash_table_insert (prdr_module_registry.builtins, (gpointer) module->name,
                       (gpointer) module);
  g_mutex_unlock (&prdr_module_registry.lock);
}

/* prdr_module_registry_load - open a shared object; the lock is held. */
static const PrdrModule *
prdr_module_registry_load (const char *path, GError **error)
{
  GModule *object = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  const PrdrModule **descriptor = NULL;

  if (object == NULL)
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_MODULE, "%s: %s", path,
                   g_module_error ());
      return NULL;
    }
  if (!g_module_symbol (object, PRDR_MODULE_SYMBOL, (gpointer *) &descriptor)
      || descriptor == NULL || *descriptor == NULL)
    {
      g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_MODULE,
                   "%s: no module descriptor (symbol %s; see PRDR_MODULE_EXPORT)",
                   path, PRDR_MODULE_SYMBOL);
      g_module_close (object);
      return NULL;
    }
  if (!prdr_module_check (*descriptor, path, error))
    {
      g_module_close (object);
      return NULL;
    }
  g_module_make_resident (object);
  g_hash_table_insert (prdr_module_registry.loaded, g_strdup (path),
                       (gpointer) *descriptor);
  return *descriptor;
}

static gint
prdr_module_registry_name_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  (void) data;
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* prdr_module_registry_names - "a, b": the built-ins, for messages; the
 * lock is held. */
static char *
prdr_module_registry_names (void)
{
  g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (
    prdr_module_registry.builtins, NULL);
  g_autofree char *list = NULL;

  g_qsort_with_data (names, g_hash_table_size (prdr_module_registry.builtins),
                     sizeof *names, prdr_module_registry_name_compare, NULL);
  list = g_strjoinv (", ", (char **) names);
  return g_strdup (*list ? list : "none");
}

const PrdrModule *
prdr_module_registry_find (const char *name_or_path, GError **error)
{
  const PrdrModule *module;

  g_mutex_lock (&prdr_module_registry.lock);
  prdr_module_registry_tables ();
  if (g_path_is_absolute (name_or_path))
    {
      module = g_hash_table_lookup (prdr_module_registry.loaded, name_or_path);
      if (module == NULL)
        module = prdr_module_registry_load (name_or_path, error);
    }
  else
    {
      module = g_hash_table_lookup (prdr_module_registry.builtins, name_or_path);
      if (module == NULL)
        {
          g_autofree char *known = prdr_module_registry_names ();
          g_set_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_MODULE,
                       "no built-in module \"%s\" (built-in: %s; a shared object "
                       "needs an absolute path)", name_or_path, known);
        }
    }
  g_mutex_unlock (&prdr_module_registry.lock);
  return module;
}

/* prdr_module_registry_module_compare - by name, for the sorted list. */
static gint
prdr_module_registry_module_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  (void) data;
  return strcmp ((*(const PrdrModule *const *) a)->name,
                 (*(const PrdrModule *const *) b)->name);
}

const PrdrModule **
prdr_module_registry_builtins (void)
{
  GHashTableIter iter;
  gpointer value;
  guint count = 0;

  g_mutex_lock (&prdr_module_registry.lock);
  prdr_module_registry_tables ();
  const PrdrModule **modules = g_new0 (const PrdrModule *,
                                       g_hash_table_size (prdr_module_registry.builtins) + 1);
  g_hash_table_iter_init (&iter, prdr_module_registry.builtins);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    modules[count++] = value;
  g_mutex_unlock (&prdr_module_registry.lock);
  g_qsort_with_data (modules, count, sizeof *modules, prdr_module_registry_module_compare, NULL);
  return modules;
}
