/*
 * engine.c - the engine (engine.h): the modules of [general] modules,
 * found in the registry, bound to their configuration sections and
 * instantiated in order.
 *
 * Each item of [general] modules is a built-in module's name or the
 * absolute path of a shared object (registry.h).  The module's section is
 * [NAME] with NAME the module's own name, checked against the module's
 * config_keys.  Errors are configuration errors at the line of
 * [general] modules (or of the module's section).  A module listed twice is
 * an error; at most PRDR_ENGINE_MODULES_MAX modules.
 *
 * GMime is initialised here, once per process (g_mime_init is not
 * thread-safe, and the engine is built before any thread runs).
 */
#include <string.h>

#include "config-private.h"
#include "engine-private.h"
#include "limits.h"
#include "registry.h"

static void
prdr_engine_module_free (PrdrEngineModule *column)
{
  if (column->instance != NULL && column->module->instance_free != NULL)
    column->module->instance_free (column->instance);
  g_free (column);
}

/* prdr_engine_gmime_init - once per process. */
static void
prdr_engine_gmime_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_mime_init ();
      g_once_init_leave (&done, 1);
    }
}

/* prdr_engine_has_module - a module of this name is a column already. */
static gboolean
prdr_engine_has_module (const PrdrEngine *engine, const char *name)
{
  for (guint i = 0; i < engine->modules->len; i++)
    {
      const PrdrEngineModule *column = g_ptr_array_index (engine->modules, i);
      if (g_str_equal (column->module->name, name))
        return TRUE;
    }
  return FALSE;
}

/* prdr_engine_add_module - find, bind and instantiate the module @item of
 * [general] modules. */
static gboolean
prdr_engine_add_module (PrdrEngine *engine, const char *item, GError **error)
{
  const PrdrConfigSection *general = prdr_config_general (engine->config);
  g_autoptr (GError) local = NULL;
  const PrdrModule *module = prdr_module_registry_find (item, &local);
  PrdrEngineModule *column;

  if (module == NULL)
    return prdr_config_section_error (general, "modules", error, "%s", local->message);
  if (prdr_engine_has_module (engine, module->name))
    return prdr_config_section_error (general, "modules", error,
                                      "module \"%s\" is listed twice", module->name);
  column = g_new0 (PrdrEngineModule, 1);
  column->module = module;
  column->section = prdr_config_bind (engine->config, module->name, module->config_keys,
                                      error);
  if (column->section == NULL)
    {
      g_free (column);
      return FALSE;
    }
  if (module->instance_new != NULL)
    {
      column->instance = module->instance_new (column->section, &local);
      if (column->instance == NULL)
        {
          g_free (column);
          /* a module's own file:line error passes as it is */
          if (local != NULL && local->domain == PRDR_CONFIG_ERROR)
            g_propagate_error (error, g_steal_pointer (&local));
          else
            prdr_config_section_error (column->section, NULL, error,
                                       "module %s refused its configuration: %s",
                                       module->name, local ? local->message : "no reason");
          return FALSE;
        }
    }
  g_ptr_array_add (engine->modules, column);
  return TRUE;
}

PrdrEngine *
prdr_engine_new (PrdrConfig *config, GError **error)
{
  const PrdrConfigSection *general = prdr_config_general (config);
  const char *const *items = prdr_config_section_get_list (general, "modules");
  PrdrEngine *engine = g_new0 (PrdrEngine, 1);

  prdr_engine_gmime_init ();
  engine->config = config;
  engine->spooldir = g_strdup (prdr_config_section_get_string (general, "spooldir"));
  engine->modules = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_engine_module_free);
  if (g_strv_length ((char **) items) > PRDR_ENGINE_MODULES_MAX)
    {
      prdr_config_section_error (general, "modules", error, "more than %d modules",
                                 PRDR_ENGINE_MODULES_MAX);
      prdr_engine_free (engine);
      return NULL;
    }
  for (guint i = 0; items[i] != NULL; i++)
    if (!prdr_engine_add_module (engine, items[i], error))
      {
        prdr_engine_free (engine);
        return NULL;
      }
  return engine;
}

gboolean
prdr_engine_start (PrdrEngine *engine, GError **error)
{
  for (guint i = 0; i < engine->modules->len; i++)
    {
      PrdrEngineModule *column = g_ptr_array_index (engine->modules, i);
      g_autoptr (GError) local = NULL;

      if (column->module->instance_start == NULL
          || column->module->instance_start (column->instance, &local))
        continue;
      return prdr_config_section_error (column->section, NULL, error,
                                        "module %s could not start: %s", column->module->name,
                                        local ? local->message : "no reason");
    }
  return TRUE;
}

void
prdr_engine_free (PrdrEngine *engine)
{
  if (engine == NULL)
    return;
  /* instances go in reverse order: later modules may use earlier ones' tables */
  while (engine->modules->len > 0)
    g_ptr_array_remove_index (engine->modules, engine->modules->len - 1);
  g_ptr_array_unref (engine->modules);
  g_free (engine->spooldir);
  g_free (engine);
}
