/*
 * test-config.c - the configuration loader as an admin meets it: defaults,
 * values by type, and errors that say FILE:LINE: [section] key: message.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "config-file.h"

/* The key table of a module "demo", one row per type. */
static const PrdrConfigKey demo_keys[] = {
  { "name", PRDR_CONFIG_STRING, 0, 0, "default name", "a string" },
  { "count", PRDR_CONFIG_UINT, 1, 10, "3", "a number from 1 to 10" },
  { "enabled", PRDR_CONFIG_BOOLEAN, 0, 0, "no", "a boolean" },
  { "timeout", PRDR_CONFIG_SECONDS, 1, 7200, "30s", "up to two hours" },
  { "items", PRDR_CONFIG_LIST, 0, 0, NULL, "a list" },
  { "reply", PRDR_CONFIG_REPLY, 0, 0, "550 5.7.1 go away", "a reply" },
  { .key = NULL }
};

/* load_error - load @text expecting failure; returns the message. */
static char *
load_error (const char *text, PrdrConfigError code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = prdr_config_load_data ("test.conf", text, &error);

  g_assert_null (config);
  g_assert_error (error, PRDR_CONFIG_ERROR, (gint) code);
  return g_strdup (error->message);
}

/* bind_error - load @text, bind [demo], expect failure; returns the message. */
static char *
bind_error (const char *text, PrdrConfigError code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = prdr_config_load_data ("test.conf", text, &error);

  g_assert_no_error (error);
  g_assert_null (prdr_config_bind (config, "demo", demo_keys, &error));
  g_assert_error (error, PRDR_CONFIG_ERROR, (gint) code);
  return g_strdup (error->message);
}

static void
test_defaults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = prdr_config_load_data ("empty.conf", "", &error);
  const PrdrConfigSection *general, *milter;

  g_assert_no_error (error);
  general = prdr_config_general (config);
  milter = prdr_config_milter (config);
  g_assert_null (prdr_config_section_get_list (general, "modules")[0]);
  g_assert_cmpstr (prdr_config_section_get_string (general, "bounce-mode"), ==, "pseudo-delayed");
  g_assert_cmpstr (prdr_config_section_get_string (general, "user"), ==, "");
  g_assert_cmpstr (prdr_config_section_get_string (general, "log"), ==, "stderr");
  g_assert_cmpstr (prdr_config_section_get_string (general, "spooldir"), ==, "/var/tmp");
  g_assert_cmpuint (prdr_config_section_get_uint (general, "expire"), ==, 24);
  g_assert_cmpstr (prdr_config_section_get_string (milter, "socket"), ==,
                   "inet:8890@127.0.0.1");
  g_assert_cmpuint (prdr_config_section_get_seconds (milter, "timeout"), ==, 300);
  g_assert_false (prdr_config_section_has_key (milter, "timeout"));
  g_assert_true (prdr_config_check_unbound (config, &error));
}

static void
test_values (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = prdr_config_load_data (
    "test.conf",
    "# a comment\n"
    "[general]\n"
    "modules = demo , other,\n"
    "bounce-mode = no-ndr\n"
    "\n"
    "[demo]\n"
    "name = hello world\n"
    "count = 10\n"
    "enabled = Yes\n"
    "timeout = 2h\n"
    "items = a, b ,c\n"
    "reply = 4.7.1 busy today\n", &error);
  const PrdrConfigSection *demo;
  const char *const *modules;
  g_autoptr (PrdrReply) reply = NULL;

  g_assert_no_error (error);
  modules = prdr_config_section_get_list (prdr_config_general (config), "modules");
  g_assert_cmpstr (modules[0], ==, "demo");
  g_assert_cmpstr (modules[1], ==, "other");
  g_assert_null (modules[2]);
  demo = prdr_config_bind (config, "demo", demo_keys, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prdr_config_section_name (demo), ==, "demo");
  g_assert_cmpstr (prdr_config_section_get_string (demo, "name"), ==, "hello world");
  g_assert_cmpuint (prdr_config_section_get_uint (demo, "count"), ==, 10);
  g_assert_true (prdr_config_section_get_boolean (demo, "enabled"));
  g_assert_cmpuint (prdr_config_section_get_seconds (demo, "timeout"), ==, 7200);
  g_assert_cmpstr (prdr_config_section_get_list (demo, "items")[2], ==, "c");
  g_assert_true (prdr_config_section_has_key (demo, "count"));
  /* an enhanced code alone: the class decides the SMTP code */
  reply = prdr_config_section_get_reply (demo, "reply");
  g_assert_cmpstr (reply->code, ==, "450");
  g_assert_cmpstr (reply->enhanced_code, ==, "4.7.1");
  g_assert_cmpstr (reply->text, ==, "busy today");
  /* binding again with the same table gives the same section */
  g_assert_true (prdr_config_bind (config, "demo", demo_keys, &error) == demo);
  g_assert_true (prdr_config_check_unbound (config, &error));
}

static void
test_section_absent (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = prdr_config_load_data ("test.conf", "", &error);
  const PrdrConfigSection *demo = prdr_config_bind (config, "demo", demo_keys, &error);
  g_autoptr (PrdrReply) reply = prdr_config_section_get_reply (demo, "reply");

  g_assert_no_error (error);
  g_assert_cmpstr (prdr_config_section_get_string (demo, "name"), ==, "default name");
  g_assert_cmpuint (prdr_config_section_get_seconds (demo, "timeout"), ==, 30);
  g_assert_null (prdr_config_section_get_list (demo, "items")[0]);
  g_assert_cmpstr (reply->code, ==, "550");
  g_assert_cmpstr (reply->text, ==, "go away");
}

static void
test_error_unknown_key (void)
{
  g_autofree char *message = bind_error ("[general]\n"
                                         "\n"
                                         "[demo]\n"
                                         "count = 2\n"
                                         "colour = blue\n", PRDR_CONFIG_ERROR_UNKNOWN);

  g_assert_true (g_str_has_prefix (message, "test.conf:5: [demo] colour: unknown key"));
  g_assert_nonnull (strstr (message, "count"));
}

static void
test_error_unknown_general_key (void)
{
  g_autofree char *message = load_error ("[general]\nmodules = a\nmodule = b\n",
                                         PRDR_CONFIG_ERROR_UNKNOWN);

  g_assert_true (g_str_has_prefix (message, "test.conf:3: [general] module: unknown key"));
}

static void
test_error_locale_key (void)
{
  /* GKeyFile hides "key[locale]" lines; they are unknown keys here */
  g_autofree char *message = load_error ("[general]\nlog[de] = syslog\n",
                                         PRDR_CONFIG_ERROR_UNKNOWN);

  g_assert_true (g_str_has_prefix (message, "test.conf:2: [general] log[de]: unknown key"));
}

static void
test_error_unknown_section (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = prdr_config_load_data (
    "test.conf", "[general]\nmodules = demo\n\n[demo]\n\n[dmeo]\ncount = 1\n", &error);

  g_assert_no_error (error);
  g_assert_nonnull (prdr_config_bind (config, "demo", demo_keys, &error));
  g_assert_false (prdr_config_check_unbound (config, &error));
  g_assert_error (error, PRDR_CONFIG_ERROR, PRDR_CONFIG_ERROR_UNKNOWN);
  g_assert_true (g_str_has_prefix (error->message, "test.conf:6: [dmeo]: unknown section"));
}

/* Each row: the file text, and the start of the error it must give. */
static const struct {
  const char *text;
  const char *message;
} bad_values[] = {
  { "[demo]\ncount = 11\n", "test.conf:2: [demo] count: \"11\" is not a whole number from 1 to 10" },
  { "[demo]\ncount = 0\n", "test.conf:2: [demo] count:" },
  { "[demo]\ncount = -1\n", "test.conf:2: [demo] count:" },
  { "[demo]\ncount = 3x\n", "test.conf:2: [demo] count:" },
  { "[demo]\n\nenabled = maybe\n", "test.conf:3: [demo] enabled: \"maybe\" is not yes/no" },
  { "[demo]\ntimeout = 3h\n", "test.conf:2: [demo] timeout: \"3h\" is not a duration" },
  { "[demo]\ntimeout = 5w\n", "test.conf:2: [demo] timeout:" },
  { "[demo]\ntimeout = 99999999999999999999d\n", "test.conf:2: [demo] timeout:" },
  { "[demo]\ntimeout =\n", "test.conf:2: [demo] timeout:" },
  { "[demo]\nreply = 250 2.0.0 fine\n", "test.conf:2: [demo] reply: reply code \"250\"" },
  { "[demo]\nreply = 550 4.7.1 mixed\n", "test.conf:2: [demo] reply: enhanced status code 4.7.1" },
  { "[demo]\nname = two\\nlines\n", "test.conf:2: [demo] name: the value contains control" },
  { "[demo]\nname = bad \\q escape\n", "test.conf:2: [demo] name:" },
};

static void
test_error_bad_values (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      g_autofree char *message = bind_error (bad_values[i].text, PRDR_CONFIG_ERROR_VALUE);

      g_autofree char *shown = g_strescape (bad_values[i].text, NULL);

      g_test_message ("%s -> %s", shown, message);
      g_assert_true (g_str_has_prefix (message, bad_values[i].message));
    }
}

/* Each row: a file GKeyFile refuses or we refuse before it, and the error. */
static const struct {
  const char *text;
  const char *message;
} bad_syntax[] = {
  { "[general]\nmodules = a\nthis is not a key\n", "test.conf:3: [general]: expected \"key = value\"" },
  { "# first\nkey = before any section\n", "test.conf:2: \"key\" comes before any [section]" },
  { "[general]\n[milter\n", "test.conf:2: a section header must be" },
  { "[general]\n[]\n", "test.conf:2: \"\" is not a valid section name" },
  { "[general]\nlog = stderr\nlog = syslog\n", "test.conf:3: [general] log: given twice (first at line 2)" },
  { "[general]\n\n[general]\n", "test.conf:3: [general]: given twice (first at line 1)" },
  { "[general]\r\n = x\r\n", "test.conf:2: [general]: a line \"= value\" without a key" },
  { "[general]\nuser = \xff\xfe\n", "test.conf:2: [general]: the line is not valid UTF-8" },
  { "\xef\xbb\xbf[general]\n", "test.conf:1: the file starts with a byte-order mark" },
};

static void
test_error_syntax (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_syntax); i++)
    {
      g_autofree char *message = load_error (bad_syntax[i].text, PRDR_CONFIG_ERROR_SYNTAX);

      g_autofree char *shown = g_strescape (bad_syntax[i].text, NULL);

      g_test_message ("%s -> %s", shown, message);
      g_assert_true (g_str_has_prefix (message, bad_syntax[i].message));
    }
}

/* [general] and [milter] values beyond type: each row is checked at load. */
static const struct {
  const char *text;
  const char *message;
} bad_general[] = {
  { "[general]\npseudo-delayed-expire = 10s\n", "test.conf:2: [general] pseudo-delayed-expire" },
  { "[general]\nbounce-mode = sometimes\n", "test.conf:2: [general] bounce-mode: \"sometimes\" is not one of" },
  { "[general]\nlog = file:relative.log\n", "test.conf:2: [general] log:" },
  { "[general]\nspooldir = tmp\n", "test.conf:2: [general] spooldir: \"tmp\" is not an absolute path" },
  { "[general]\nexpire = 0\n", "test.conf:2: [general] expire:" },
  { "[milter]\nsocket = inet:99999@127.0.0.1\n", "test.conf:2: [milter] socket:" },
  { "[milter]\nsocket = tcp:8890\n", "test.conf:2: [milter] socket:" },
  { "[milter]\ntimeout = 0\n", "test.conf:2: [milter] timeout:" },
};

static void
test_error_general (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_general); i++)
    {
      g_autofree char *message = load_error (bad_general[i].text, PRDR_CONFIG_ERROR_VALUE);

      g_autofree char *shown = g_strescape (bad_general[i].text, NULL);

      g_test_message ("%s -> %s", shown, message);
      g_assert_true (g_str_has_prefix (message, bad_general[i].message));
    }
}

static void
test_good_sockets (void)
{
  static const char *const sockets[] = {
    "unix:/run/prdr/milter.sock", "inet:8890@127.0.0.1", "inet6:8890@::1", NULL
  };

  for (guint i = 0; sockets[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("[milter]\nsocket = %s\ntimeout = 5m\n",
                                               sockets[i]);
      g_autoptr (PrdrConfig) config = prdr_config_load_data ("test.conf", text, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (prdr_config_section_get_seconds (prdr_config_milter (config),
                                                         "timeout"), ==, 300);
    }
}

static void
test_section_error_helper (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = prdr_config_load_data (
    "test.conf", "[general]\n[demo]\nname = relative\n", &error);
  const PrdrConfigSection *demo = prdr_config_bind (config, "demo", demo_keys, &error);

  g_assert_false (prdr_config_section_error (demo, "name", &error, "\"%s\" is not absolute",
                                             prdr_config_section_get_string (demo, "name")));
  g_assert_cmpstr (error->message, ==, "test.conf:3: [demo] name: \"relative\" is not absolute");
  g_clear_error (&error);
  prdr_config_section_error (demo, NULL, &error, "refused");
  g_assert_cmpstr (error->message, ==, "test.conf:2: [demo]: refused");
}

static void
test_section_names_and_owners (void)
{
  static const PrdrConfigKey table_keys[] = {
    { "backend", PRDR_CONFIG_STRING, 0, 0, "sqlite", "the backend" },
    { .key = NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = prdr_config_load_data (
    "test.conf", "[table:grey]\n[demo]\n[table:vacation]\nbackend = odbc\n", &error);
  g_auto (GStrv) tables = prdr_config_section_names (config, "table:");
  const PrdrConfigSection *vacation;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tables), ==, 2);
  g_assert_cmpstr (tables[0], ==, "table:grey");
  g_assert_cmpstr (tables[1], ==, "table:vacation");
  vacation = prdr_config_bind (config, "table:vacation", table_keys, &error);
  g_assert_cmpstr (prdr_config_section_get_string (vacation, "backend"), ==, "odbc");
  /* the same section claimed with another key table */
  g_assert_null (prdr_config_bind (config, "table:vacation", demo_keys, &error));
  g_assert_error (error, PRDR_CONFIG_ERROR, PRDR_CONFIG_ERROR_UNKNOWN);
  g_assert_true (g_str_has_prefix (error->message, "test.conf:3: [table:vacation]: claimed by two"));
  g_clear_error (&error);
  /* [table:grey] and [demo] are still unbound: the first is reported */
  g_assert_false (prdr_config_check_unbound (config, &error));
  g_assert_true (g_str_has_prefix (error->message, "test.conf:1: [table:grey]: unknown section"));
}

static void
test_load_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("prdr-config-XXXXXX", &path, &error);
  g_autoptr (PrdrConfig) config = NULL;

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, "[general]\nexpire = x\n", -1, &error));
  config = prdr_config_load (path, &error);
  g_assert_null (config);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, ":2: [general] expire:"));
  g_unlink (path);
  g_clear_error (&error);
  g_assert_null (prdr_config_load (path, &error));
  g_assert_error (error, PRDR_CONFIG_ERROR, PRDR_CONFIG_ERROR_IO);
  g_clear_error (&error);
  g_assert_null (prdr_config_load ("/dev/zero", &error));
  g_assert_error (error, PRDR_CONFIG_ERROR, PRDR_CONFIG_ERROR_IO);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/defaults", test_defaults);
  g_test_add_func ("/config/values", test_values);
  g_test_add_func ("/config/section-absent", test_section_absent);
  g_test_add_func ("/config/error/unknown-key", test_error_unknown_key);
  g_test_add_func ("/config/error/unknown-general-key", test_error_unknown_general_key);
  g_test_add_func ("/config/error/unknown-section", test_error_unknown_section);
  g_test_add_func ("/config/error/locale-key", test_error_locale_key);
  g_test_add_func ("/config/error/bad-values", test_error_bad_values);
  g_test_add_func ("/config/error/syntax", test_error_syntax);
  g_test_add_func ("/config/error/general", test_error_general);
  g_test_add_func ("/config/good-sockets", test_good_sockets);
  g_test_add_func ("/config/section-error-helper", test_section_error_helper);
  g_test_add_func ("/config/section-names-and-owners", test_section_names_and_owners);
  g_test_add_func ("/config/load-file", test_load_file);
  return g_test_run ();
}
