/*
 * connection.c - the client connection (engine.h): client address and
 * name, HELO, the MTA's macros, the CONNECT and HELO stages, and the
 * connection accessors of prdr/transaction.h.
 *
 * A connection is used by one thread at a time (engine.h).  Macros: at most
 * PRDR_MACROS_MAX names, values up to PRDR_MACRO_VALUE_MAX octets; others
 * are dropped with a log line.
 */
#include <string.h>

#include "engine-private.h"
#include "limits.h"
#include "log.h"

/* The queue id before the MTA assigned one (as Postfix logs it). */
#define PRDR_CONNECTION_NO_QUEUE_ID "NOQUEUE"

PrdrConnection *
prdr_connection_new (PrdrEngine *engine, const char *client_address,
                     const char *client_name)
{
  PrdrConnection *conn = g_new0 (PrdrConnection, 1);
  guint serial = (guint) g_atomic_int_add (&engine->next_session, 1);

  conn->engine = engine;
  conn->session_id = g_strdup_printf ("%06X", serial);
  conn->client_address = g_strdup (client_address ? client_address : "");
  conn->client_name = g_strdup (client_name ? client_name : "");
  conn->helo = g_strdup ("");
  conn->macros = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return conn;
}

void
prdr_connection_free (PrdrConnection *conn)
{
  if (conn == NULL)
    return;
  g_hash_table_unref (conn->macros);
  prdr_reply_free (conn->last_reply);
  g_free (conn->session_id);
  g_free (conn->client_address);
  g_free (conn->client_name);
  g_free (conn->helo);
  g_free (conn);
}

void
prdr_connection_set_helo (PrdrConnection *conn, const char *helo)
{
  g_free (conn->helo);
  conn->helo = g_strdup (helo ? helo : "");
}

void
prdr_connection_set_macro (PrdrConnection *conn, const char *name, const char *value)
{
  if (value == NULL)
    return;
  if (strlen (value) > PRDR_MACRO_VALUE_MAX
      || (g_hash_table_size (conn->macros) >= PRDR_MACROS_MAX
          && !g_hash_table_contains (conn->macros, name)))
    {
      prdr_log (G_LOG_LEVEL_WARNING, "%s: macro %s dropped (value over %d octets or "
                "more than %d macros)", conn->session_id, name, PRDR_MACRO_VALUE_MAX,
                PRDR_MACROS_MAX);
      return;
    }
  g_hash_table_insert (conn->macros, g_strdup (name), g_strdup (value));
}

PrdrOutcome
prdr_connection_evaluate (PrdrConnection *conn, PrdrStage stage)
{
  PrdrTransaction *txn;
  PrdrOutcome outcome = { .verdict = PRDR_VERDICT_CONTINUE, .module = "" };

  g_return_val_if_fail (stage == PRDR_STAGE_CONNECT || stage == PRDR_STAGE_HELO, outcome);
  /* the stage's cells see a transaction without envelope */
  txn = prdr_transaction_new (conn, "", NULL);
  outcome = prdr_matrix_evaluate_envelope (txn, stage, &conn->last_reply);
  prdr_transaction_free (txn);
  return outcome;
}

/* ---- prdr/transaction.h: the connection part ---------------------------- */

const char *
prdr_transaction_client_address (const PrdrTransaction *txn)
{
  return txn->conn->client_address;
}

const char *
prdr_transaction_client_name (const PrdrTransaction *txn)
{
  return txn->conn->client_name;
}

const char *
prdr_transaction_helo (const PrdrTransaction *txn)
{
  return txn->conn->helo;
}

const char *
prdr_transaction_macro (const PrdrTransaction *txn, const char *name)
{
  return g_hash_table_lookup (txn->conn->macros, name);
}

const char *
prdr_transaction_queue_id (const PrdrTransaction *txn)
{
  const char *id = prdr_transaction_macro (txn, "i");
  return id && *id ? id : PRDR_CONNECTION_NO_QUEUE_ID;
}

const char *
prdr_transaction_authenticated_user (const PrdrTransaction *txn)
{
  const char *user = prdr_transaction_macro (txn, "{auth_authen}");
  return user && *user ? user : NULL;
}

const char *
prdr_transaction_session_id (const PrdrTransaction *txn)
{
  return txn->conn->session_id;
}

void
prdr_transaction_log (const PrdrTransaction *txn, GLogLevelFlags level,
                      const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  prdr_log (level, "%s: %s: %s", prdr_transaction_queue_id (txn),
            prdr_transaction_session_id (txn), message);
}
