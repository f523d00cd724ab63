/*
 * fuzz-sieve-run.c - libFuzzer target: compile a script and run it on a
 * message, both taken from the input: the octets before the first NUL are
 * the script, the rest is the message (RFC 5322, MIME); without a NUL the
 * whole input is the script, run on a small fixed message.
 *
 * Properties checked besides the sanitizers': a run returns a result or
 * fails with a PRDR_SIEVE_ERROR (runtime or limit), never both; every action
 * formats as exactly one line (prdr-sieve's output format); a second run of
 * the same script on the same message view (now with its caches filled)
 * gives the same actions and implicit keep.  The step budget keeps each
 * run short (engine defaults, src/sieve/limits.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sieve/sieve.h"

#include "fuzz-sieve-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char fuzz_default_message[] =
  "From: Alice <alice@example.org>\r\n"
  "To: rcpt+tag@example.net\r\n"
  "Subject: =?UTF-8?Q?caf=C3=A9?= test\r\n"
  "Date: Fri, 20 Nov 2026 10:59:55 +0100\r\n"
  "Message-ID: <fuzz@example.org>\r\n"
  "\r\n"
  "body text\r\n";

/* All actions of @r as prdr-sieve prints them, one per line. */
static char *
prdr_fuzz_sieve_result_text (const PrdrSieveResult *r)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < r->actions->len; i++)
    {
      g_autofree char *line = prdr_sieve_action_format (g_ptr_array_index (r->actions, i));
      if (line == NULL || strchr (line, '\n') != NULL || strchr (line, '\r') != NULL)
        {
          fprintf (stderr, "fuzz property broken: action not one line: %s\n",
                   line ? line : "(null)");
          abort ();
        }
      g_string_append_printf (out, "%s\n", line);
    }
  g_string_append (out, r->implicit_keep ? "implicit keep\n" : "");
  return g_string_free (out, FALSE);
}

/* Run once; returns the result text, or NULL after a checked error. */
static char *
prdr_fuzz_sieve_run_once (PrdrSieveScript *script, PrdrSieveMessage *msg,
                          const PrdrSieveContext *ctx)
{
  PrdrSieveEnvelope env = { .sender = "sender@example.org",
                            .recipient = "rcpt+tag@example.net" };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrSieveResult) r = prdr_sieve_script_run (script, msg, &env, ctx, &error);

  if ((r == NULL) == (error == NULL) || (error != NULL && error->domain != PRDR_SIEVE_ERROR))
    {
      fprintf (stderr, "fuzz property broken: run gave %s and %s\n",
               r ? "a result" : "no result", error ? error->message : "no error");
      abort ();
    }
  return r ? prdr_fuzz_sieve_result_text (r) : NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const uint8_t *nul = memchr (data, '\0', size);
  gsize script_len = nul ? (gsize) (nul - data) : size;
  const char *mail = nul ? (const char *) nul + 1 : fuzz_default_message;
  gsize mail_len = nul ? size - script_len - 1 : sizeof fuzz_default_message - 1;
  PrdrSieveContext ctx;
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrSieveScript) script = NULL;
  g_autoptr (PrdrSieveMessage) msg = NULL;
  g_autofree char *first = NULL, *second = NULL;

  prdr_fuzz_sieve_context_init (&ctx);
  script = prdr_sieve_script_compile (&ctx, "fuzz", (const char *) data,
                                      (gssize) script_len, &diagnostics, &error);
  prdr_fuzz_sieve_check_compile (script, diagnostics, error);
  if (script == NULL)
    return 0;
  msg = prdr_sieve_message_new_from_bytes (mail, mail_len, &error);
  if (msg == NULL)
    return 0;
  first = prdr_fuzz_sieve_run_once (script, msg, &ctx);
  second = prdr_fuzz_sieve_run_once (script, msg, &ctx);
  if (g_strcmp0 (first, second) != 0)
    {
      fprintf (stderr, "fuzz property broken: two runs differ:\n%s---\n%s",
               first ? first : "(error)\n", second ? second : "(error)\n");
      abort ();
    }
  return 0;
}
