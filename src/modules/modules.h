/*
 * modules.h - the descriptors of the built-in modules, for builtin.c (each
 * is defined in its own file: equal.c, exec.c).
 */
#ifndef PRDR_MODULES_MODULES_H
#define PRDR_MODULES_MODULES_H

#include <prdr/prdr.h>

G_BEGIN_DECLS

extern const PrdrModule prdr_equal_module;
extern const PrdrModule prdr_exec_module;

G_END_DECLS

#endif
