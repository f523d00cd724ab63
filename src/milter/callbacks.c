/*
 * callbacks.c - libmilter callbacks (protocol version 6) for every stage but
 * the end of message (eom.c), each mapped onto one engine.h call.
 *
 * Negotiation (xxfi_negotiate): we ask for the actions add header, add and
 * delete recipient and the macro list; for header values with their leading
 * space (SMFIP_HDR_LEADSPC) so that the spooled message is exact; for no
 * replies to header and body events (SMFIP_NR_HDR, SMFIP_NR_BODY: a spool
 * error is answered at the end of the message) and no DATA/unknown events.
 * SMFIP_NR_RCPT is never asked: every RCPT gets its own answer.
 *
 * Macros (smfi_setsymlist): j, {client_addr}, {client_name} at CONNECT; i,
 * {auth_authen} at MAIL; i at RCPT, end of headers and end of message.
 *
 * A connection's state lives only in its private data (session.h).
 */
#include "callbacks.h"

#include <string.h>

#include "envelope.h"
#include "log.h"

/* Set once before smfi_main(); read-only afterwards (see callbacks.h). */
static const PrdrMilterContext *prdr_milter_context;

/* The macros copied into the connection at every stage. */
static const char *const prdr_milter_macro_names[] = {
  "i", "j", "{auth_authen}", "{client_addr}", "{client_name}",
};

/* The macro lists requested per stage (smfi_setsymlist). */
static const struct {
  int stage;
  const char *macros;
} prdr_milter_symlists[] = {
  { SMFIM_CONNECT, "j {client_addr} {client_name}" },
  { SMFIM_ENVFROM, "i {auth_authen}" },
  { SMFIM_ENVRCPT, "i {auth_authen}" },
  { SMFIM_EOH, "i" },
  { SMFIM_EOM, "i" },
};

/* The actions and protocol steps we ask for when the MTA offers them. */
#define PRDR_MILTER_ACTIONS (SMFIF_ADDHDRS | SMFIF_ADDRCPT | SMFIF_ADDRCPT_PAR \
                             | SMFIF_DELRCPT | SMFIF_SETSYMLIST)
#define PRDR_MILTER_STEPS (SMFIP_HDR_LEADSPC | SMFIP_NR_HDR | SMFIP_NR_BODY \
                           | SMFIP_NOUNKNOWN | SMFIP_NODATA)

const PrdrMilterContext *
prdr_milter_callbacks_context (void)
{
  return prdr_milter_context;
}

sfsistat
prdr_milter_reply_literal (SMFICTX *ctx, const char *code, const char *enhanced_code,
                           const char *text)
{
  g_autofree char *escaped = prdr_reply_text_for_milter (text);

  if (smfi_setreply (ctx, (char *) code, (char *) enhanced_code, escaped) != MI_SUCCESS)
    prdr_log (G_LOG_LEVEL_WARNING, "libmilter refused the reply \"%s %s %s\"; "
              "the MTA sends its generic one", code, enhanced_code ? enhanced_code : "",
              text);
  return code[0] == '4' ? SMFIS_TEMPFAIL : SMFIS_REJECT;
}

sfsistat
prdr_milter_reply (SMFICTX *ctx, const PrdrReply *reply, sfsistat fallback)
{
  if (reply == NULL || reply->code == NULL)
    return fallback;
  return prdr_milter_reply_literal (ctx, reply->code, reply->enhanced_code, reply->text);
}

/* prdr_milter_outcome_status - a CONNECT, HELO or MAIL outcome as status. */
static sfsistat
prdr_milter_outcome_status (SMFICTX *ctx, const PrdrOutcome *outcome)
{
  switch (outcome->verdict)
    {
    case PRDR_VERDICT_REJECT:
      return prdr_milter_reply (ctx, outcome->reply, SMFIS_REJECT);
    case PRDR_VERDICT_TEMPFAIL:
      return prdr_milter_reply (ctx, outcome->reply, SMFIS_TEMPFAIL);
    case PRDR_VERDICT_CONTINUE:
    case PRDR_VERDICT_ACCEPT:
    case PRDR_VERDICT_DISCARD:
      break;
    }
  return SMFIS_CONTINUE;
}

PrdrMilterSession *
prdr_milter_session_get (SMFICTX *ctx)
{
  PrdrMilterSession *session = smfi_getpriv (ctx);

  if (session == NULL)
    {
      session = prdr_milter_session_new ();
      smfi_setpriv (ctx, session);
    }
  return session;
}

void
prdr_milter_macros_copy (SMFICTX *ctx, PrdrMilterSession *session)
{
  if (session->conn == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (prdr_milter_macro_names); i++)
    {
      const char *value = smfi_getsymval (ctx, (char *) prdr_milter_macro_names[i]);
      if (value != NULL)
        prdr_connection_set_macro (session->conn, prdr_milter_macro_names[i], value);
    }
}

static sfsistat
prdr_milter_negotiate (SMFICTX *ctx, unsigned long actions, unsigned long steps,
                       unsigned long unused2, unsigned long unused3,
                       unsigned long *want_actions, unsigned long *want_steps,
                       unsigned long *want2, unsigned long *want3)
{
  PrdrMilterSession *session = prdr_milter_session_get (ctx);

  (void) unused2;
  (void) unused3;
  *want_actions = actions & PRDR_MILTER_ACTIONS;
  *want_steps = steps & PRDR_MILTER_STEPS;
  *want2 = 0;
  *want3 = 0;
  session->steps = *want_steps;
  if (actions & SMFIF_SETSYMLIST)
    for (gsize i = 0; i < G_N_ELEMENTS (prdr_milter_symlists); i++)
      smfi_setsymlist (ctx, prdr_milter_symlists[i].stage,
                       (char *) prdr_milter_symlists[i].macros);
  return SMFIS_CONTINUE;
}

static sfsistat
prdr_milter_connect (SMFICTX *ctx, char *hostname, _SOCK_ADDR *hostaddr)
{
  PrdrMilterSession *session = prdr_milter_session_get (ctx);
  g_autofree char *address = prdr_milter_envelope_client_address (hostaddr);

  prdr_milter_session_reset_transaction (session);
  g_clear_pointer (&session->conn, prdr_connection_free);
  session->conn = prdr_connection_new (prdr_milter_context->engine, address,
                                       prdr_milter_envelope_client_name (hostname));
  prdr_milter_macros_copy (ctx, session);
  PrdrOutcome outcome = prdr_connection_evaluate (session->conn, PRDR_STAGE_CONNECT);
  return prdr_milter_outcome_status (ctx, &outcome);
}

/* prdr_milter_connection - the session's connection, created on demand for
 * an MTA that skipped CONNECT. */
static PrdrMilterSession *
prdr_milter_connection (SMFICTX *ctx)
{
  PrdrMilterSession *session = prdr_milter_session_get (ctx);

  if (session->conn == NULL)
    session->conn = prdr_connection_new (prdr_milter_context->engine, "", "");
  prdr_milter_macros_copy (ctx, session);
  return session;
}

static sfsistat
prdr_milter_helo (SMFICTX *ctx, char *helo)
{
  PrdrMilterSession *session = prdr_milter_connection (ctx);

  prdr_connection_set_helo (session->conn, helo ? helo : "");
  PrdrOutcome outcome = prdr_connection_evaluate (session->conn, PRDR_STAGE_HELO);
  return prdr_milter_outcome_status (ctx, &outcome);
}

static sfsistat
prdr_milter_envfrom (SMFICTX *ctx, char **argv)
{
  PrdrMilterSession *session = prdr_milter_connection (ctx);
  g_autofree char *sender = prdr_milter_envelope_address (argv[0]);

  prdr_milter_session_reset_transaction (session);
  session->txn = prdr_transaction_new (session->conn, sender, (const char *const *) argv + 1);
  PrdrOutcome outcome = prdr_transaction_evaluate_mail (session->txn);
  sfsistat status = prdr_milter_outcome_status (ctx, &outcome);
  if (status != SMFIS_CONTINUE)
    prdr_milter_session_reset_transaction (session);
  return status;
}

/* prdr_milter_envrcpt_answer - carry out the bounce mode's RCPT answer. */
static sfsistat
prdr_milter_envrcpt_answer (SMFICTX *ctx, PrdrMilterSession *session,
                            const PrdrOutcome *outcome, gboolean same_class,
                            const char *address, const char *arg)
{
  switch (prdr_milter_bounce_rcpt (prdr_milter_context->mode, outcome, same_class))
    {
    case PRDR_MILTER_RCPT_REJECT:
      return prdr_milter_reply (ctx, outcome->reply, SMFIS_REJECT);
    case PRDR_MILTER_RCPT_TEMPFAIL:
      return prdr_milter_reply (ctx, outcome->reply, SMFIS_TEMPFAIL);
    case PRDR_MILTER_RCPT_DEFER:
      prdr_transaction_defer_recipient (session->txn);
      prdr_transaction_log (session->txn, G_LOG_LEVEL_INFO,
                            "rcpt=%s deferred: its class differs from the first "
                            "recipient's (bounce-mode=%s)", address,
                            prdr_milter_bounce_mode_name (prdr_milter_context->mode));
      return prdr_milter_reply_literal (ctx, PRDR_MILTER_DEFER_CODE,
                                        PRDR_MILTER_DEFER_ENHANCED, PRDR_MILTER_DEFER_TEXT);
    case PRDR_MILTER_RCPT_CONTINUE:
      break;
    }
  g_hash_table_replace (session->rcpt_args, g_strdup (address), g_strdup (arg));
  return SMFIS_CONTINUE;
}

static sfsistat
prdr_milter_envrcpt (SMFICTX *ctx, char **argv)
{
  PrdrMilterSession *session = prdr_milter_connection (ctx);
  g_autofree char *address = prdr_milter_envelope_address (argv[0]);
  gboolean same_class = TRUE;

  if (session->txn == NULL)
    return prdr_milter_reply_literal (ctx, "451", "4.3.0",
                                      "No transaction in progress: try again");
  PrdrOutcome outcome = prdr_transaction_add_recipient (session->txn, address,
                                                        (const char *const *) argv + 1,
                                                        &same_class);
  return prdr_milter_envrcpt_answer (ctx, session, &outcome, same_class, address, argv[0]);
}

/* prdr_milter_content_status - the answer to a header or body event: none
 * when the MTA agreed to that (SMFIP_NR_*), else continue. */
static sfsistat
prdr_milter_content_status (const PrdrMilterSession *session, unsigned long noreply_step)
{
  return (session->steps & noreply_step) ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

void
prdr_milter_spool_failed (PrdrMilterSession *session, GError **error)
{
  if (session->spool_error == NULL)
    {
      prdr_transaction_log (session->txn, G_LOG_LEVEL_WARNING, "cannot spool the message: %s",
                            (*error)->message);
      session->spool_error = g_steal_pointer (error);
    }
}

static sfsistat
prdr_milter_header (SMFICTX *ctx, char *name, char *value)
{
  PrdrMilterSession *session = prdr_milter_session_get (ctx);
  g_autoptr (GError) error = NULL;

  if (session->txn != NULL && session->spool_error == NULL)
    {
      /* With SMFIP_HDR_LEADSPC the value keeps the blank after the colon;
       * without it the engine puts the one space back. */
      if (!prdr_transaction_spool_header (session->txn, name, value, &error))
        prdr_milter_spool_failed (session, &error);
    }
  return prdr_milter_content_status (session, SMFIP_NR_HDR);
}

static sfsistat
prdr_milter_eoh (SMFICTX *ctx)
{
  prdr_milter_macros_copy (ctx, prdr_milter_session_get (ctx));
  return SMFIS_CONTINUE;
}

static sfsistat
prdr_milter_body (SMFICTX *ctx, unsigned char *chunk, size_t length)
{
  PrdrMilterSession *session = prdr_milter_session_get (ctx);
  g_autoptr (GError) error = NULL;

  if (session->txn != NULL && session->spool_error == NULL
      && !prdr_transaction_spool_body (session->txn, chunk, length, &error))
    prdr_milter_spool_failed (session, &error);
  return prdr_milter_content_status (session, SMFIP_NR_BODY);
}

/* prdr_milter_abort - RSET, the client left, or the MTA gave up (timeout):
 * the transaction ends, the connection stays. */
static sfsistat
prdr_milter_abort (SMFICTX *ctx)
{
  PrdrMilterSession *session = smfi_getpriv (ctx);

  if (session != NULL)
    prdr_milter_session_reset_transaction (session);
  return SMFIS_CONTINUE;
}

static sfsistat
prdr_milter_close (SMFICTX *ctx)
{
  prdr_milter_session_free (smfi_getpriv (ctx));
  smfi_setpriv (ctx, NULL);
  return SMFIS_CONTINUE;
}

void
prdr_milter_callbacks_describe (const PrdrMilterContext *context, struct smfiDesc *desc)
{
  prdr_milter_context = context;
  memset (desc, 0, sizeof *desc);
  desc->xxfi_name = (char *) "prdr-milter";
  desc->xxfi_version = SMFI_VERSION;
  desc->xxfi_flags = PRDR_MILTER_ACTIONS;
  desc->xxfi_connect = prdr_milter_connect;
  desc->xxfi_helo = prdr_milter_helo;
  desc->xxfi_envfrom = prdr_milter_envfrom;
  desc->xxfi_envrcpt = prdr_milter_envrcpt;
  desc->xxfi_header = prdr_milter_header;
  desc->xxfi_eoh = prdr_milter_eoh;
  desc->xxfi_body = prdr_milter_body;
  desc->xxfi_eom = prdr_milter_eom;
  desc->xxfi_abort = prdr_milter_abort;
  desc->xxfi_close = prdr_milter_close;
  desc->xxfi_negotiate = prdr_milter_negotiate;
}
