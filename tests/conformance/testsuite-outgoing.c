/*
 * testsuite-outgoing.c - the redirect and notify (mailto) actions executed
 * as the caller of the engine does it, for the conformance suite: the
 * messages are built by src/mail (redirect.h, notify-mailto.h) from the
 * run's envelope and the test_config_* settings Pigeonhole's tests use
 * (sieve_user_email, sieve_redirect_envelope_from,
 * sieve_notify_mailto_envelope_from), and recorded as "sent" mail, one per
 * envelope recipient.  Test code.
 */
#include "testsuite.h"

#include "mail/mail-error.h"
#include "mail/notify-mailto.h"
#include "mail/redirect.h"

/* The host name and postmaster of the simulated site. */
#define TS_HOSTNAME "testsuite.example.com"
#define TS_POSTMASTER "postmaster@example.com"

static void
ts_outgoing_origin (PrdrSieveRun *run, PrdrMailOrigin *origin)
{
  origin->sender = run->envelope.sender != NULL ? run->envelope.sender : "";
  origin->recipient = run->envelope.recipient;
  origin->orig_recipient = run->envelope.orig_recipient;
  origin->user_address = g_hash_table_lookup (ts_state (run)->config, "sieve_user_email");
  origin->postmaster = TS_POSTMASTER;
}

/* ts_outgoing_source - setting @name as a sender source (the default when
 * it is unset or invalid, as Pigeonhole does after a warning) */
static void
ts_outgoing_source (TsState *ts, const char *name, PrdrMailSenderSource *source)
{
  if (!prdr_mail_sender_source_parse (g_hash_table_lookup (ts->config, name), source, NULL))
    prdr_mail_sender_source_clear (source);
}

/* ts_outgoing_record - @out as sent, one TsMail per recipient */
static void
ts_outgoing_record (TsState *ts, const PrdrMailOutgoing *out)
{
  g_autofree char *raw = g_mime_object_to_string (GMIME_OBJECT (out->message), NULL);

  for (guint i = 0; i < out->recipients->len; i++)
    {
      TsMail *m = g_new0 (TsMail, 1);
      m->from = g_strdup (out->sender);
      m->to = g_strdup (out->recipients->pdata[i]);
      m->raw = g_strdup (raw);
      g_ptr_array_add (ts->smtp, m);
    }
}

/* ts_outgoing_done - record @out, or take @error: nothing to send is not a
 * failure of the action (a loop, an automatic original), anything else is */
static gboolean
ts_outgoing_done (TsState *ts, PrdrMailOutgoing *out, GError *error)
{
  if (out)
    {
      ts_outgoing_record (ts, out);
      prdr_mail_outgoing_free (out);
      return TRUE;
    }
  if (g_error_matches (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING))
    {
      g_error_free (error);
      return TRUE;
    }
  g_ptr_array_add (ts->errors, g_strdup (error->message));
  g_error_free (error);
  return FALSE;
}

gboolean
ts_outgoing_redirect (PrdrSieveRun *run, const PrdrSieveAction *a, const char *raw)
{
  TsState *ts = ts_state (run);
  PrdrMailOrigin origin;
  PrdrMailSenderSource source = { 0 };
  PrdrMailRedirect redirect = { &origin, &source, a->target };
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (raw, strlen (raw));
  GError *error = NULL;
  PrdrMailOutgoing *out;

  ts_outgoing_origin (run, &origin);
  ts_outgoing_source (ts, "sieve_redirect_envelope_from", &source);
  out = prdr_mail_redirect_build (&redirect, stream, &error);
  prdr_mail_sender_source_clear (&source);
  if (!out && g_error_matches (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING))
    ts_mailbox_store (ts, "INBOX", raw);   /* a redirect not made keeps the message */
  return ts_outgoing_done (ts, out, error);
}

gboolean
ts_outgoing_notify (PrdrSieveRun *run, const PrdrSieveAction *a, GHashTable *notified)
{
  TsState *ts = ts_state (run);
  PrdrMailOrigin origin;
  PrdrMailSenderSource source = { 0 };
  PrdrMailNotify notify = {
    .origin = &origin, .envelope_from = &source, .hostname = TS_HOSTNAME, .uri = a->target,
    .from = a->from, .message = a->text, .importance = a->importance,
  };
  GError *error = NULL;
  PrdrMailOutgoing *out;

  ts_outgoing_origin (run, &origin);
  ts_outgoing_source (ts, "sieve_notify_mailto_envelope_from", &source);
  out = prdr_mail_notify_mailto_build (&notify, run->msg ? run->msg->message : NULL, notified,
                                       &error);
  prdr_mail_sender_source_clear (&source);
  return ts_outgoing_done (ts, out, error);
}
