/*
 * modules-error.c - the GError quark of the built-in modules.
 */
#include "modules-error.h"

G_DEFINE_QUARK (prdr-modules-error-quark, prdr_modules_error)
