/*
 * mail-outgoing-tool.c - the C side of sieve-outgoing-postfix.sh (Sieve's
 * redirect and notify messages through a real Postfix).  Two commands:
 *
 *   mail-outgoing-tool redirect 'SENDMAIL LINE' SENDER RECIPIENT SETTING TARGET FILE
 *       builds the redirected copy of the message in FILE for the delivery
 *       SENDER -> RECIPIENT with sieve_redirect_envelope_from SETTING ("" for
 *       the default) and submits it with prdr_mail_outgoing_submit.
 *   mail-outgoing-tool notify 'SENDMAIL LINE' SENDER RECIPIENT URI FILE
 *       builds the mailto notification of the message in FILE (postmaster
 *       postmaster@example.net) and submits it.
 *
 * Exit 0 when sent, 3 when there was nothing to send (a loop, an automatic
 * message), 1 with a message on stderr otherwise.
 */
#include <stdio.h>
#include <string.h>

#include "mail/gmime-autoptr.h"
#include "mail/mail-error.h"
#include "mail/notify-mailto.h"
#include "mail/redirect.h"

/* The generous time Postfix's sendmail gets (slow machines, sanitizers). */
#define TOOL_TIMEOUT_MS 30000

static int
tool_finish (PrdrMailOutgoing *out, const char *sendmail, GError *error)
{
  if (out != NULL && prdr_mail_outgoing_submit (out, sendmail, TOOL_TIMEOUT_MS, &error)) {
    prdr_mail_outgoing_free (out);
    return 0;
  }
  prdr_mail_outgoing_free (out);
  int rc = g_error_matches (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_NOTHING) ? 3 : 1;
  fprintf (stderr, "mail-outgoing-tool: %s\n", error->message);
  g_error_free (error);
  return rc;
}

static int
tool_redirect (char **argv, GMimeStream *stream)
{
  PrdrMailOrigin origin = { argv[1], argv[2], NULL, NULL, "postmaster@example.net" };
  PrdrMailSenderSource source = { 0 };
  GError *error = NULL;
  if (!prdr_mail_sender_source_parse (argv[3], &source, &error))
    return tool_finish (NULL, argv[0], error);
  PrdrMailRedirect r = { &origin, &source, argv[4] };
  PrdrMailOutgoing *out = prdr_mail_redirect_build (&r, stream, &error);
  prdr_mail_sender_source_clear (&source);
  return tool_finish (out, argv[0], error);
}

static int
tool_notify (char **argv, GMimeStream *stream)
{
  PrdrMailOrigin origin = { argv[1], argv[2], NULL, NULL, "postmaster@example.net" };
  PrdrMailNotify n = { &origin, NULL, "mx.test.example", argv[3], NULL, NULL, 2 };
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr (GMimeMessage) original = g_mime_parser_construct_message (parser, NULL);
  GError *error = NULL;
  PrdrMailOutgoing *out = prdr_mail_notify_mailto_build (&n, original, NULL, &error);
  return tool_finish (out, argv[0], error);
}

int
main (int argc, char **argv)
{
  gboolean redirect = argc == 8 && strcmp (argv[1], "redirect") == 0;
  if (!redirect && !(argc == 7 && strcmp (argv[1], "notify") == 0)) {
    fprintf (stderr, "usage: mail-outgoing-tool redirect SENDMAIL SENDER RCPT SETTING TARGET FILE\n"
                     "       mail-outgoing-tool notify SENDMAIL SENDER RCPT URI FILE\n");
    return 1;
  }
  g_mime_init ();
  char *text = NULL;
  gsize len = 0;
  GError *error = NULL;
  if (!g_file_get_contents (argv[argc - 1], &text, &len, &error)) {
    fprintf (stderr, "mail-outgoing-tool: %s\n", error->message);
    g_error_free (error);
    return 1;
  }
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (text, len);
  g_free (text);
  int rc = redirect ? tool_redirect (argv + 2, stream) : tool_notify (argv + 2, stream);
  g_mime_shutdown ();
  return rc;
}
