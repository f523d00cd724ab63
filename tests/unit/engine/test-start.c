/*
 * test-start.c - prdr_engine_start: modules' instance_start runs only when
 * the daemon starts serving (never while a configuration is only checked),
 * once per module in [general] modules order, and a module that cannot
 * start stops the start with its section named.
 */
#include <string.h>

#include "engine.h"
#include "registry.h"

/* The starts, in call order, by the instances' tags. */
static GPtrArray *start_log;

/* An instance is its section's tag ("broken" refuses to start). */
static gpointer
record_new (const PrdrConfigSection *section, GError **error)
{
  (void) error;
  return g_strdup (prdr_config_section_get_string (section, "tag"));
}

static gboolean
record_start (gpointer instance, GError **error)
{
  const char *tag = instance;

  if (g_strcmp0 (tag, "broken") == 0)
    {
      g_set_error (error, PRDR_CONFIG_ERROR, 0, "the helper cannot be forked");
      return FALSE;
    }
  g_ptr_array_add (start_log, g_strdup (tag));
  return TRUE;
}

/* The modules abstain: only their start matters here. */
static void
abstain_evaluate (gpointer instance, PrdrTransaction *txn, PrdrCell *cell)
{
  (void) instance; (void) txn; (void) cell;
}

static const PrdrConfigKey record_keys[] = {
  { "tag", PRDR_CONFIG_STRING, 0, 0, "untagged", "what the start log records" },
  { .key = NULL }
};

static const PrdrModule first_module = {
  .api_version = PRDR_MODULE_API_VERSION, .name = "first", .stages = PRDR_STAGE_EOM,
  .config_keys = record_keys, .instance_new = record_new, .instance_free = g_free,
  .instance_start = record_start, .evaluate = abstain_evaluate,
};
static const PrdrModule second_module = {
  .api_version = PRDR_MODULE_API_VERSION, .name = "second", .stages = PRDR_STAGE_EOM,
  .config_keys = record_keys, .instance_new = record_new, .instance_free = g_free,
  .instance_start = record_start, .evaluate = abstain_evaluate,
};
/* A module without instance_start: nothing to start, never an error. */
static const PrdrModule plain_module = {
  .api_version = PRDR_MODULE_API_VERSION, .name = "plain", .stages = PRDR_STAGE_EOM,
  .evaluate = abstain_evaluate,
};

static PrdrEngine *
engine_for (const char *text, PrdrConfig **config)
{
  g_autoptr (GError) error = NULL;

  *config = prdr_config_load_data ("start.conf", text, &error);
  g_assert_no_error (error);
  PrdrEngine *engine = prdr_engine_new (*config, &error);
  g_assert_no_error (error);
  return engine;
}

static void
test_start_in_order_and_only_when_asked (void)
{
  PrdrConfig *config;
  g_autoptr (GError) error = NULL;
  PrdrEngine *engine = engine_for ("[general]\nmodules = second, plain, first\n"
                                   "[first]\ntag = one\n[second]\ntag = two\n", &config);

  start_log = g_ptr_array_new_with_free_func (g_free);
  /* prdr-milter -t stops here: nothing may have been started */
  g_assert_cmpuint (start_log->len, ==, 0);
  g_assert_true (prdr_engine_start (engine, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (start_log->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (start_log, 0), ==, "two");
  g_assert_cmpstr (g_ptr_array_index (start_log, 1), ==, "one");
  g_clear_pointer (&start_log, g_ptr_array_unref);
  prdr_engine_free (engine);
  prdr_config_free (config);
}

static void
test_start_failure_names_the_section (void)
{
  PrdrConfig *config;
  g_autoptr (GError) error = NULL;
  PrdrEngine *engine = engine_for ("[general]\nmodules = first, second\n"
                                   "[first]\ntag = one\n"
                                   "[second]\ntag = broken\n", &config);

  start_log = g_ptr_array_new_with_free_func (g_free);
  g_assert_false (prdr_engine_start (engine, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "start.conf:"));
  g_assert_nonnull (strstr (error->message, "[second]"));
  g_assert_nonnull (strstr (error->message, "the helper cannot be forked"));
  g_assert_cmpuint (start_log->len, ==, 1);
  g_clear_pointer (&start_log, g_ptr_array_unref);
  prdr_engine_free (engine);
  prdr_config_free (config);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  prdr_module_registry_add (&first_module);
  prdr_module_registry_add (&second_module);
  prdr_module_registry_add (&plain_module);
  g_test_add_func ("/engine/start/in-order-and-only-when-asked",
                   test_start_in_order_and_only_when_asked);
  g_test_add_func ("/engine/start/failure-names-the-section",
                   test_start_failure_names_the_section);
  return g_test_run ();
}
