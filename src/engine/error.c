/*
 * error.c - the engine's GError domain (error.h).
 */
#include "error.h"

G_DEFINE_QUARK (prdr-engine-error-quark, prdr_engine_error)
