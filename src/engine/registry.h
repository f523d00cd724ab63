/*
 * registry.h - the modules prdr-milter knows: built-ins registered at
 * start-up, and shared objects loaded by absolute path.
 *
 * The registry is filled before the engine is built and only read after;
 * it is the one place (with the table registry) where process-wide mutable
 * state is allowed.  Errors are in PRDR_ENGINE_ERROR (error.h), code
 * PRDR_ENGINE_ERROR_MODULE.
 */
#ifndef PRDR_ENGINE_REGISTRY_H
#define PRDR_ENGINE_REGISTRY_H

#include <prdr/module.h>

G_BEGIN_DECLS

/* prdr_module_registry_add - a built-in module, by its name.  A second
 * module of the same name replaces the first (tests register their own). */
void prdr_module_registry_add (const PrdrModule *module);

/* prdr_module_registry_find - a built-in by name, or a shared object by
 * absolute path: opened with GModule, its symbol PRDR_MODULE_SYMBOL read,
 * its api_version and descriptor checked, and kept loaded for the life of
 * the process.  A path given twice yields the same module. */
const PrdrModule *prdr_module_registry_find (const char *name_or_path, GError **error);

/* prdr_module_name_valid - lower-case letters, digits, '-' and '_', at
 * most PRDR_MODULE_NAME_MAX octets, not empty. */
gboolean prdr_module_name_valid (const char *name);

/* prdr_module_registry_builtins - the built-in modules sorted by name,
 * NULL-terminated (for prdr-milter -h); free the array with g_free(). */
const PrdrModule **prdr_module_registry_builtins (void);

G_END_DECLS

#endif
