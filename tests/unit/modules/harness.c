/*
 * harness.c - driving the engine for the modules' tests (see harness.h).
 */
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "harness.h"

Harness *
harness_new (const char *config_text, GError **error)
{
  g_autoptr (PrdrConfig) config = prdr_config_load_data ("test.conf", config_text, error);
  if (config == NULL)
    return NULL;
  prdr_builtin_modules_register ();
  PrdrEngine *engine = prdr_engine_new (config, error);
  if (engine == NULL)
    return NULL;
  if (!prdr_engine_start (engine, error))
    {
      prdr_engine_free (engine);
      return NULL;
    }
  Harness *harness = g_new0 (Harness, 1);
  harness->config = g_steal_pointer (&config);
  harness->engine = engine;
  return harness;
}

void
harness_free (Harness *harness)
{
  if (harness == NULL)
    return;
  if (harness->txn != NULL)
    prdr_transaction_free (harness->txn);
  if (harness->conn != NULL)
    prdr_connection_free (harness->conn);
  prdr_engine_free (harness->engine);
  prdr_config_free (harness->config);
  g_free (harness);
}

void
harness_begin (Harness *harness, const char *sender, const char *auth_user)
{
  harness->conn = prdr_connection_new (harness->engine, "192.0.2.7", "mail.example.net");
  prdr_connection_set_helo (harness->conn, "mail.example.net");
  prdr_connection_set_macro (harness->conn, "i", "4XyZ123");
  if (auth_user != NULL)
    prdr_connection_set_macro (harness->conn, "{auth_authen}", auth_user);
  harness->txn = prdr_transaction_new (harness->conn, sender, NULL);
  PrdrOutcome mail = prdr_transaction_evaluate_mail (harness->txn);
  g_assert_cmpint (mail.verdict, ==, PRDR_VERDICT_CONTINUE);
}

PrdrOutcome
harness_rcpt (Harness *harness, const char *address)
{
  gboolean same_class = FALSE;
  return prdr_transaction_add_recipient (harness->txn, address, NULL, &same_class);
}

void
harness_eom (Harness *harness)
{
  static const char body[] = "Hello,\r\n\r\nthis is the body.\r\n";
  g_autoptr (GError) error = NULL;
  g_assert_true (prdr_transaction_spool_header (harness->txn, "From",
                                                "alice@example.net", &error));
  g_assert_true (prdr_transaction_spool_header (harness->txn, "Subject", "test", &error));
  g_assert_true (prdr_transaction_spool_body (harness->txn, (const guint8 *) body,
                                              strlen (body), &error));
  g_assert_true (prdr_transaction_spool_end (harness->txn, &error));
  g_assert_no_error (error);
  prdr_transaction_evaluate_eom (harness->txn, FALSE);
}

PrdrOutcome
harness_outcome (Harness *harness, guint index)
{
  g_assert_cmpuint (index, <, prdr_transaction_recipient_count (harness->txn));
  return prdr_transaction_outcome (harness->txn,
                                   prdr_transaction_recipient (harness->txn, index));
}

char *
harness_spool (Harness *harness)
{
  int fd = prdr_transaction_message_fd (harness->txn);
  goffset size = prdr_transaction_message_size (harness->txn);
  g_assert_cmpint (fd, >=, 0);
  char *text = g_malloc0 ((gsize) size + 1);
  g_assert_cmpint (pread (fd, text, (size_t) size, 0), ==, size);
  return text;
}

void
assert_outcome (PrdrOutcome outcome, PrdrVerdictKind verdict, const char *code,
                const char *enhanced, const char *text)
{
  if (outcome.verdict != verdict)
    g_error ("expected verdict %s, got %s (module %s, reply %s %s %s)",
             prdr_verdict_kind_name (verdict), prdr_verdict_kind_name (outcome.verdict),
             outcome.module ? outcome.module : "-",
             outcome.reply ? outcome.reply->code : "-",
             outcome.reply && outcome.reply->enhanced_code ? outcome.reply->enhanced_code : "-",
             outcome.reply ? outcome.reply->text : "-");
  if (code == NULL)
    return;
  g_assert_nonnull (outcome.reply);
  g_assert_cmpstr (outcome.reply->code, ==, code);
  g_assert_cmpstr (outcome.reply->enhanced_code, ==, enhanced);
  g_assert_cmpstr (outcome.reply->text, ==, text);
}
