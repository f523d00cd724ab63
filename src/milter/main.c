/*
 * main.c - prdr-milter(8): options, start-up, the libmilter main loop, clean
 * exit on SIGTERM.
 *
 *   prdr-milter [-c FILE] [-t] [-v] [-h]
 *
 * Start-up order (INTERFACES.md): parse options -> prdr_config_load ->
 * prdr_log_open -> prdr_builtin_modules_register -> prdr_table_registry_init
 * -> prdr_engine_new -> prdr_config_check_unbound -> (-t: exit 0, nothing
 * started) -> prdr_engine_start (the exec module forks its privileged runner
 * here) -> smfi_opensocket -> pidfile -> drop privileges to [general] user
 * -> smfi_main.
 *
 * SIGTERM, SIGINT and SIGHUP are blocked from the start in every thread:
 * libmilter's signal thread waits for them (sigwait) and makes smfi_main()
 * return, after which everything is released and the pidfile removed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "builtin.h"
#include "callbacks.h"
#include "expire.h"
#include "limits.h"
#include "log.h"
#include "privileges.h"
#include "pseudo-delayed.h"
#include "registry.h"
#include "tables/registry.h"

/* The expire interval's unit: [general] expire is in hours. */
#define PRDR_MILTER_SECONDS_PER_HOUR 3600

typedef struct {
  char *config_path;
  gboolean check_only;
  gboolean verbose;
  gboolean help;
} PrdrMilterOptions;

/* What main() owns between start-up and exit. */
typedef struct {
  PrdrConfig *config;
  PrdrEngine *engine;
  PrdrMilterContext context;
  PrdrMilterUser user;
  const char *pidfile;
  /* TRUE once we wrote the pidfile: then we remove it at exit. */
  gboolean pidfile_written;
  const char *socket;
} PrdrMilterDaemon;

static GOptionContext *
prdr_milter_options_context (PrdrMilterOptions *options)
{
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &options->config_path,
      "configuration file (default " PRDR_CONFIG_DEFAULT ")", "FILE" },
    { "test", 't', 0, G_OPTION_ARG_NONE, &options->check_only,
      "check the configuration and exit (0: valid, 1: errors as FILE:LINE on stderr)", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &options->verbose,
      "log debug messages too", NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &options->help,
      "show the options and the built-in modules", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  GOptionContext *context = g_option_context_new ("- per-recipient verdicts for mail");

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  return context;
}

static void
prdr_milter_help_print (GOptionContext *context)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  fputs (help, stdout);
  printf ("Built-in modules (name them in [general] modules):\n");
  prdr_builtin_modules_register ();
  g_autofree const PrdrModule **modules = prdr_module_registry_builtins ();
  for (gsize i = 0; modules[i] != NULL; i++)
    printf ("  %-12s %s\n", modules[i]->name, modules[i]->description);
  printf ("\nSee prdr-milter(8) and prdr-milter.conf(5).\n");
}

/* prdr_milter_fail - print @error ("FILE:LINE: ..." for configuration
 * errors) and return the exit status 1. */
static int
prdr_milter_fail (GError *error)
{
  fprintf (stderr, "prdr-milter: %s\n", error->message);
  return 1;
}

/* prdr_milter_configure - everything up to and including -t's check. */
static gboolean
prdr_milter_configure (const PrdrMilterOptions *options, PrdrMilterDaemon *daemon,
                       GError **error)
{
  daemon->config = prdr_config_load (options->config_path, error);
  if (daemon->config == NULL)
    return FALSE;
  const PrdrConfigSection *general = prdr_config_general (daemon->config);
  const PrdrConfigSection *milter = prdr_config_milter (daemon->config);
  const char *log = options->check_only ? "stderr"
                                        : prdr_config_section_get_string (general, "log");
  g_autoptr (GError) mode_error = NULL;

  if (!prdr_log_open (log, options->verbose, error))
    return FALSE;
  if (!prdr_milter_bounce_mode_parse (prdr_config_section_get_string (general, "bounce-mode"),
                                      &daemon->context.mode, &mode_error))
    return prdr_config_section_error (general, "bounce-mode", error, "%s",
                                      mode_error->message);
  prdr_builtin_modules_register ();
  if (!prdr_table_registry_init (daemon->config, error))
    return FALSE;
  if (daemon->context.mode == PRDR_MILTER_BOUNCE_PSEUDO_DELAYED
      && (daemon->context.pseudo_table = prdr_table_open (PRDR_MILTER_PSEUDO_TABLE,
                                                          error)) == NULL)
    return FALSE;
  daemon->engine = prdr_engine_new (daemon->config, error);
  if (daemon->engine == NULL || !prdr_config_check_unbound (daemon->config, error))
    return FALSE;
  daemon->context.engine = daemon->engine;
  daemon->context.sendmail = prdr_config_section_get_string (general, "sendmail");
  daemon->context.pseudo_expire = (gint64) prdr_config_section_get_seconds (general,
                                                                            "pseudo-delayed-expire");
  daemon->pidfile = prdr_config_section_get_string (general, "pidfile");
  daemon->socket = prdr_config_section_get_string (milter, "socket");
  return TRUE;
}

/* prdr_milter_listen - bind the socket as libmilter's listener. */
static gboolean
prdr_milter_listen (PrdrMilterDaemon *daemon, GError **error)
{
  const PrdrConfigSection *milter = prdr_config_milter (daemon->config);
  struct smfiDesc desc;

  if (!prdr_milter_socket_prepare (daemon->socket, &daemon->user, error))
    return FALSE;
  prdr_milter_callbacks_describe (&daemon->context, &desc);
  smfi_setmaxdatasize (PRDR_MILTER_PACKET_MAX);
  if (smfi_setconn ((char *) daemon->socket) != MI_SUCCESS
      || smfi_settimeout ((int) MIN (prdr_config_section_get_seconds (milter, "timeout"),
                                     (guint64) G_MAXINT)) != MI_SUCCESS
      || smfi_setbacklog (PRDR_MILTER_BACKLOG) != MI_SUCCESS
      || smfi_register (desc) != MI_SUCCESS)
    return prdr_config_section_error (milter, "socket", error,
                                      "libmilter refuses the socket \"%s\"", daemon->socket);
  if (smfi_opensocket (TRUE) != MI_SUCCESS)
    return prdr_config_section_error (milter, "socket", error,
                                      "cannot listen on \"%s\" (in use, or no permission)",
                                      daemon->socket);
  return prdr_milter_socket_chown (daemon->socket, &daemon->user, error);
}

/* prdr_milter_spooldir_check - after the drop: can we spool at all? */
static gboolean
prdr_milter_spooldir_check (const char *spooldir, GError **error)
{
  if (spooldir == NULL || spooldir[0] == '\0' || access (spooldir, W_OK | X_OK) == 0)
    return TRUE;
  int saved = errno;
  g_set_error (error, PRDR_MILTER_ERROR, PRDR_MILTER_ERROR_SYSTEM,
               "[general] spooldir %s is not writable by the daemon's user: %s",
               spooldir, g_strerror (saved));
  return FALSE;
}

/* prdr_milter_start - the modules' helpers, directories, socket, pidfile,
 * the drop. */
static gboolean
prdr_milter_start (PrdrMilterDaemon *daemon, GError **error)
{
  const PrdrConfigSection *general = prdr_config_general (daemon->config);
  const char *spooldir = prdr_config_section_get_string (general, "spooldir");

  return prdr_engine_start (daemon->engine, error)
         && prdr_milter_user_lookup (prdr_config_section_get_string (general, "user"),
                                     &daemon->user, error)
         && prdr_milter_directory_ensure (prdr_config_section_get_string (general, "statedir"),
                                          0750, &daemon->user, error)
         && prdr_milter_directory_ensure (spooldir, 0700, &daemon->user, error)
         && prdr_milter_listen (daemon, error)
         && (daemon->pidfile_written = prdr_milter_pidfile_write (daemon->pidfile,
                                                                  &daemon->user, error))
         && prdr_milter_privileges_drop (&daemon->user, error)
         && prdr_milter_spooldir_check (spooldir, error);
}

/* prdr_milter_run - the main loop, until SIGTERM. */
static int
prdr_milter_run (PrdrMilterDaemon *daemon)
{
  const PrdrConfigSection *general = prdr_config_general (daemon->config);
  guint64 hours = prdr_config_section_get_uint (general, "expire");
  PrdrMilterExpirer *expirer = prdr_milter_expirer_start (hours * PRDR_MILTER_SECONDS_PER_HOUR);

  prdr_log (G_LOG_LEVEL_MESSAGE, "prdr-milter %s listening on %s, bounce-mode=%s",
            PRDR_VERSION, daemon->socket, prdr_milter_bounce_mode_name (daemon->context.mode));
  int status = smfi_main () == MI_SUCCESS ? 0 : 1;
  prdr_milter_expirer_stop (expirer);
  prdr_log (G_LOG_LEVEL_MESSAGE, "prdr-milter stopping");
  return status;
}

static void
prdr_milter_daemon_clear (PrdrMilterDaemon *daemon)
{
  if (daemon->pidfile_written && daemon->pidfile != NULL && daemon->pidfile[0] != '\0')
    g_unlink (daemon->pidfile);
  g_clear_pointer (&daemon->engine, prdr_engine_free);
  prdr_table_registry_shutdown ();
  g_clear_pointer (&daemon->config, prdr_config_free);
  prdr_milter_user_clear (&daemon->user);
}

/* prdr_milter_signals_block - leave SIGTERM, SIGINT, SIGHUP to libmilter's
 * signal thread (threads inherit this mask); a peer that goes away must not
 * kill us with SIGPIPE. */
static void
prdr_milter_signals_block (void)
{
  sigset_t set;

  sigemptyset (&set);
  sigaddset (&set, SIGTERM);
  sigaddset (&set, SIGINT);
  sigaddset (&set, SIGHUP);
  pthread_sigmask (SIG_BLOCK, &set, NULL);
  signal (SIGPIPE, SIG_IGN);
}

int
main (int argc, char **argv)
{
  PrdrMilterOptions options = { 0 };
  PrdrMilterDaemon daemon = { 0 };
  g_autoptr (GOptionContext) context = prdr_milter_options_context (&options);
  g_autoptr (GError) error = NULL;
  int status = 1;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return prdr_milter_fail (error);
  if (options.help)
    {
      prdr_milter_help_print (context);
      return 0;
    }
  if (options.config_path == NULL)
    options.config_path = g_strdup (PRDR_CONFIG_DEFAULT);
  prdr_milter_signals_block ();
  if (!prdr_milter_configure (&options, &daemon, &error))
    status = prdr_milter_fail (error);
  else if (options.check_only)
    {
      printf ("%s: configuration is valid\n", options.config_path);
      status = 0;
    }
  else if (!prdr_milter_start (&daemon, &error))
    status = prdr_milter_fail (error);
  else
    status = prdr_milter_run (&daemon);
  prdr_milter_daemon_clear (&daemon);
  g_free (options.config_path);
  return status;
}
