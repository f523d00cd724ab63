/*
 * builtin.h - registering the built-in modules with the engine's module
 * registry (src/engine/registry.h), once at start-up before the engine is
 * built (see INTERFACES.md for the start-up order).
 */
#ifndef PRDR_MODULES_BUILTIN_H
#define PRDR_MODULES_BUILTIN_H

#include <glib.h>

G_BEGIN_DECLS

/* prdr_builtin_modules_register - add equal and exec to the registry. */
void prdr_builtin_modules_register (void);

G_END_DECLS

#endif
