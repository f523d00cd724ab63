/*
 * modules-error.h - the GError domain of the built-in modules (src/modules).
 * Configuration mistakes use PRDR_CONFIG_ERROR (prdr/config.h) instead.
 */
#ifndef PRDR_MODULES_ERROR_H
#define PRDR_MODULES_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

#define PRDR_MODULES_ERROR (prdr_modules_error_quark ())
GQuark prdr_modules_error_quark (void);

typedef enum {
  PRDR_MODULES_ERROR_PATH,     /* a %-expanded path is unsafe or too long */
  PRDR_MODULES_ERROR_RUNNER,   /* the privileged runner cannot be started */
  PRDR_MODULES_ERROR_WIRE,     /* a frame to or from the runner is broken */
  PRDR_MODULES_ERROR_TIMEOUT,  /* the other side did not answer in time */
} PrdrModulesError;

G_END_DECLS

#endif
