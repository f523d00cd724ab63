/*
 * error.h - the engine's GError domain for what is not a configuration
 * error (those use PRDR_CONFIG_ERROR from prdr/config.h).
 */
#ifndef PRDR_ENGINE_ERROR_H
#define PRDR_ENGINE_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

#define PRDR_ENGINE_ERROR (prdr_engine_error_quark ())
GQuark prdr_engine_error_quark (void);

typedef enum {
  PRDR_ENGINE_ERROR_MODULE,   /* a module cannot be found, loaded or set up */
  PRDR_ENGINE_ERROR_LOG,      /* the log cannot be opened */
  PRDR_ENGINE_ERROR_SPOOL,    /* the spool file cannot be written or read */
  PRDR_ENGINE_ERROR_LIMIT,    /* input beyond a limit of limits.h */
} PrdrEngineError;

G_END_DECLS

#endif
