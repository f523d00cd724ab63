/*
 * test-registry.c - modules loaded as shared objects by absolute path:
 * found, bound to their own section, evaluated; refused when built for
 * another API version or without a descriptor.  The objects are built from
 * mod-sotest.c; their paths come in the environment (meson.build).
 */
#include <string.h>

#include <glib/gstdio.h>

#include "engine.h"
#include "registry.h"

static const char *
object_path (const char *variable)
{
  const char *path = g_getenv (variable);

  g_assert_nonnull (path);
  return path;
}

static void
test_load_and_evaluate (void)
{
  g_autoptr (GError) error = NULL;
  const char *path = object_path ("SOTEST_GOOD");
  g_autofree char *dir = g_dir_make_tmp ("prdr-registry-XXXXXX", &error);
  g_autofree char *text = g_strdup_printf ("[general]\nmodules = %s\nspooldir = %s\n"
                                           "[sotest]\nreply = 5.7.9 not here\n", path, dir);
  g_autoptr (PrdrConfig) config = prdr_config_load_data ("test.conf", text, &error);
  PrdrEngine *engine;
  PrdrConnection *conn;
  PrdrTransaction *txn;
  gboolean same_class;
  PrdrOutcome outcome;

  g_assert_no_error (error);
  g_assert_true (prdr_module_registry_find (path, &error)
                 == prdr_module_registry_find (path, &error));
  engine = prdr_engine_new (config, &error);
  g_assert_no_error (error);
  g_assert_true (prdr_config_check_unbound (config, &error));
  conn = prdr_connection_new (engine, "192.0.2.1", "");
  txn = prdr_transaction_new (conn, "a@example.org", NULL);
  prdr_transaction_add_recipient (txn, "b@example.org", NULL, &same_class);
  prdr_transaction_evaluate_eom (txn, FALSE);
  outcome = prdr_transaction_outcome (txn, prdr_transaction_recipient (txn, 0));
  g_assert_cmpint (outcome.verdict, ==, PRDR_VERDICT_REJECT);
  g_assert_cmpstr (outcome.module, ==, "sotest");
  g_assert_cmpstr (outcome.reply->code, ==, "550");
  g_assert_cmpstr (outcome.reply->enhanced_code, ==, "5.7.9");
  g_assert_cmpstr (outcome.reply->text, ==, "not here");
  prdr_transaction_free (txn);
  prdr_connection_free (conn);
  prdr_engine_free (engine);
  g_rmdir (dir);
}

static void
test_refused (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (prdr_module_registry_find (object_path ("SOTEST_FUTURE"), &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_MODULE);
  g_assert_nonnull (strstr (error->message, "module API version"));
  g_clear_error (&error);
  g_assert_null (prdr_module_registry_find (object_path ("SOTEST_NO_DESCRIPTOR"), &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_MODULE);
  g_assert_nonnull (strstr (error->message, PRDR_MODULE_SYMBOL));
  g_clear_error (&error);
  g_assert_null (prdr_module_registry_find ("/nonexistent/mod_x.so", &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_MODULE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/registry/load-and-evaluate", test_load_and_evaluate);
  g_test_add_func ("/registry/refused", test_refused);
  return g_test_run ();
}
