/*
 * config-general.c - the sections [general] and [milter]: their key tables
 * (one row per key: name, type, bounds, default, description) and the checks
 * their values need beyond type and bounds.
 *
 * [general]
 *   modules      the modules in evaluation order (names or absolute .so paths)
 *   bounce-mode  pseudo-delayed (default) | delayed | ndr | no-ndr
 *   pseudo-delayed-expire  how long pseudo-delayed remembers an outcome
 *   user         the user to run as after binding the socket ("": stay)
 *   pidfile      where to write the process id ("": nowhere)
 *   log          syslog | stderr | file:/absolute/path
 *   sendmail     the sendmail(1) program used to send mail
 *   spooldir     where messages are spooled (unlinked files)
 *   statedir     where the SQLite tables live
 *   expire       hours between expiry runs over the tables
 * [milter]
 *   socket       unix:/path | inet:PORT@HOST | inet6:PORT@HOST
 *   timeout      how long libmilter waits for the MTA
 */
#include <string.h>

#include "config-general.h"
#include "config-private.h"

/* The longest interval between table expiry runs: a year, in hours. */
#define PRDR_CONFIG_EXPIRE_HOURS_MAX (24 * 366)
/* The longest milter timeout: libmilter's smfi_settimeout takes an int, and
 * an MTA never waits a day. */
#define PRDR_CONFIG_MILTER_TIMEOUT_MAX (24 * 3600)
/* The longest time pseudo-delayed keeps an outcome: 30 days, well beyond
 * any MTA's queue lifetime (Postfix: 5 days). */
#define PRDR_CONFIG_PSEUDO_EXPIRE_MAX (30 * 24 * 3600)

const PrdrConfigKey prdr_config_general_keys[] = {
  { "modules", PRDR_CONFIG_LIST, 0, 0, "",
    "the modules in evaluation order: built-in names or absolute paths of .so files" },
  { "bounce-mode", PRDR_CONFIG_STRING, 0, 0, "pseudo-delayed",
    "what to do without PRDR when recipients disagree: pseudo-delayed, delayed, "
    "ndr or no-ndr" },
  { "pseudo-delayed-expire", PRDR_CONFIG_SECONDS, 3600, PRDR_CONFIG_PSEUDO_EXPIRE_MAX, "5d",
    "how long pseudo-delayed remembers a recipient's outcome for the client's retry" },
  { "user", PRDR_CONFIG_STRING, 0, 0, "",
    "the user to run as after binding the socket (empty: do not change)" },
  { "pidfile", PRDR_CONFIG_STRING, 0, 0, "",
    "the file to write the process id to (empty: none)" },
  { "log", PRDR_CONFIG_STRING, 0, 0, "stderr",
    "where to log: syslog, stderr or file:/path" },
  { "sendmail", PRDR_CONFIG_STRING, 0, 0, "/usr/sbin/sendmail",
    "the sendmail program used to send notifications" },
  { "spooldir", PRDR_CONFIG_STRING, 0, 0, "/var/tmp",
    "the directory for spooled messages (kept as unlinked files)" },
  { "statedir", PRDR_CONFIG_STRING, 0, 0, "/var/lib/prdr-milter",
    "the directory of the SQLite tables" },
  { "expire", PRDR_CONFIG_UINT, 1, PRDR_CONFIG_EXPIRE_HOURS_MAX, "24",
    "hours between runs that remove expired table rows" },
  { .key = NULL }
};

const PrdrConfigKey prdr_config_milter_keys[] = {
  { "socket", PRDR_CONFIG_STRING, 0, 0, "inet:8890@127.0.0.1",
    "where to listen: unix:/path, inet:PORT@HOST or inet6:PORT@HOST" },
  { "timeout", PRDR_CONFIG_SECONDS, 1, PRDR_CONFIG_MILTER_TIMEOUT_MAX, "300s",
    "how long to wait for the MTA" },
  { .key = NULL }
};

/* prdr_config_check_absolute - @key is an absolute path (or empty when
 * @empty_ok). */
static gboolean
prdr_config_check_absolute (const PrdrConfigSection *section, const char *key,
                            gboolean empty_ok, GError **error)
{
  const char *path = prdr_config_section_get_string (section, key);

  if ((empty_ok && *path == '\0') || g_path_is_absolute (path))
    return TRUE;
  return prdr_config_section_error (section, key, error,
                                    "\"%s\" is not an absolute path", path);
}

static gboolean
prdr_config_check_bounce_mode (const PrdrConfigSection *general, GError **error)
{
  const char *mode = prdr_config_section_get_string (general, "bounce-mode");

  if (g_str_equal (mode, "delayed") || g_str_equal (mode, "no-ndr")
      || g_str_equal (mode, "pseudo-delayed") || g_str_equal (mode, "ndr"))
    return TRUE;
  return prdr_config_section_error (general, "bounce-mode", error,
                                    "\"%s\" is not one of delayed, no-ndr, "
                                    "pseudo-delayed, ndr", mode);
}

static gboolean
prdr_config_check_log (const PrdrConfigSection *general, GError **error)
{
  const char *log = prdr_config_section_get_string (general, "log");

  if (g_str_equal (log, "syslog") || g_str_equal (log, "stderr")
      || (g_str_has_prefix (log, "file:") && g_path_is_absolute (log + strlen ("file:"))))
    return TRUE;
  return prdr_config_section_error (general, "log", error,
                                    "\"%s\" is not syslog, stderr or file:/absolute/path",
                                    log);
}

gboolean
prdr_config_general_check (const PrdrConfigSection *general, GError **error)
{
  return prdr_config_check_bounce_mode (general, error)
         && prdr_config_check_log (general, error)
         && prdr_config_check_absolute (general, "pidfile", TRUE, error)
         && prdr_config_check_absolute (general, "sendmail", FALSE, error)
         && prdr_config_check_absolute (general, "spooldir", FALSE, error)
         && prdr_config_check_absolute (general, "statedir", FALSE, error);
}

/* prdr_config_inet_valid - "PORT@HOST" with PORT 1-65535 and a HOST. */
static gboolean
prdr_config_inet_valid (const char *spec)
{
  const char *at = strchr (spec, '@');
  g_autofree char *port = at ? g_strndup (spec, at - spec) : NULL;

  return at != NULL && at[1] != '\0' && strspn (port, "0123456789") == strlen (port)
         && g_ascii_string_to_unsigned (port, 10, 1, 65535, NULL, NULL);
}

gboolean
prdr_config_milter_check (const PrdrConfigSection *milter, GError **error)
{
  const char *socket = prdr_config_section_get_string (milter, "socket");

  if (g_str_has_prefix (socket, "unix:") && g_path_is_absolute (socket + strlen ("unix:")))
    return TRUE;
  if (g_str_has_prefix (socket, "inet:") && prdr_config_inet_valid (socket + strlen ("inet:")))
    return TRUE;
  if (g_str_has_prefix (socket, "inet6:")
      && prdr_config_inet_valid (socket + strlen ("inet6:")))
    return TRUE;
  return prdr_config_section_error (milter, "socket", error,
                                    "\"%s\" is not unix:/path, inet:PORT@HOST or "
                                    "inet6:PORT@HOST", socket);
}
