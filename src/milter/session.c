/*
 * session.c - creating and resetting the per-connection state (session.h).
 */
#include "session.h"

PrdrMilterSession *
prdr_milter_session_new (void)
{
  PrdrMilterSession *session = g_new0 (PrdrMilterSession, 1);

  session->rcpt_args = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return session;
}

void
prdr_milter_session_reset_transaction (PrdrMilterSession *session)
{
  g_clear_pointer (&session->txn, prdr_transaction_free);
  g_hash_table_remove_all (session->rcpt_args);
  g_clear_error (&session->spool_error);
}

void
prdr_milter_session_free (PrdrMilterSession *session)
{
  if (session == NULL)
    return;
  prdr_milter_session_reset_transaction (session);
  g_clear_pointer (&session->conn, prdr_connection_free);
  g_hash_table_unref (session->rcpt_args);
  g_free (session);
}
