/*
 * builtin.c - the list of built-in modules, added to the engine's registry
 * at start-up.  A new built-in module is one line here and one in modules.h.
 */
#include "builtin.h"
#include "modules.h"
#include "registry.h"

void
prdr_builtin_modules_register (void)
{
  prdr_module_registry_add (&prdr_equal_module);
  prdr_module_registry_add (&prdr_exec_module);
}
