/*
 * sieve-eval.c - benchmark: Sieve evaluations per second, in process,
 * through the engine's library API (src/sieve/sieve.h).
 *
 *   sieve-eval [--seconds S] SCRIPT MESSAGE...
 *
 * Compiles SCRIPT once (as a deployment caches it), then runs it over the
 * MESSAGEs round robin for S seconds (default 2) in three ways and prints
 * evaluations per second of each with its ratio to the baseline measured
 * in the same run:
 *   baseline   - parse the message + run the one-line script "keep;"
 *   fresh      - parse the message + run SCRIPT (one recipient per message)
 *   cached     - run SCRIPT on an already parsed message view (the case of
 *                many recipients of one message: headers decode once)
 * The bench script is tests/differential/scripts/realistic-30.sieve (see
 * bench/run.sh and DEVELOPERS.md: `make bench`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sieve/sieve.h"

typedef struct {
  GPtrArray *raw;                 /* GBytes* of each message */
  GPtrArray *views;               /* PrdrSieveMessage* of each, parsed once */
  PrdrSieveContext ctx;
  double seconds;
} PrdrBenchSieve;

static gboolean
prdr_bench_sieve_mailbox_exists (const char *mailbox, gpointer user_data)
{
  (void) user_data;
  return strcmp (mailbox, "INBOX") == 0;
}

static PrdrSieveScript *
prdr_bench_sieve_compile (const PrdrBenchSieve *b, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) diags = NULL;
  PrdrSieveScript *s = prdr_sieve_script_compile (&b->ctx, name, text, -1, &diags, &error);

  if (s == NULL)
    {
      for (guint i = 0; diags != NULL && i < diags->len; i++)
        fprintf (stderr, "%s\n", ((PrdrSieveDiagnostic *) g_ptr_array_index (diags, i))->text);
      fprintf (stderr, "sieve-eval: %s\n", error->message);
      exit (2);
    }
  return s;
}

/* One evaluation of @script on message @i; @fresh parses it anew. */
static void
prdr_bench_sieve_eval (const PrdrBenchSieve *b, PrdrSieveScript *script, guint i,
                       gboolean fresh)
{
  static const PrdrSieveEnvelope env = { .sender = "sender@example.org",
                                         .recipient = "rcpt+lists@example.net" };
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrSieveMessage) msg = NULL;
  g_autoptr (PrdrSieveResult) r = NULL;
  gsize len;

  if (fresh)
    {
      const char *data = g_bytes_get_data (g_ptr_array_index (b->raw, i), &len);
      msg = prdr_sieve_message_new_from_bytes (data, len, &error);
    }
  else
    msg = prdr_sieve_message_ref (g_ptr_array_index (b->views, i));
  if (msg != NULL)
    r = prdr_sieve_script_run (script, msg, &env, &b->ctx, &error);
  if (r == NULL)
    {
      fprintf (stderr, "sieve-eval: message %u: %s\n", i, error->message);
      exit (1);
    }
}

/* Evaluations per second over all messages for b->seconds. */
static double
prdr_bench_sieve_rate (const PrdrBenchSieve *b, PrdrSieveScript *script, gboolean fresh)
{
  gint64 start = g_get_monotonic_time (), now = start;
  guint64 evals = 0;

  while (now - start < (gint64) (b->seconds * G_USEC_PER_SEC))
    {
      for (guint i = 0; i < b->raw->len; i++)
        prdr_bench_sieve_eval (b, script, i, fresh);
      evals += b->raw->len;
      now = g_get_monotonic_time ();
    }
  return (double) evals * G_USEC_PER_SEC / (double) (now - start);
}

static void
prdr_bench_sieve_load (PrdrBenchSieve *b, int argc, char **argv)
{
  b->raw = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  b->views = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_message_unref);
  for (int i = 0; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;
      char *data;
      gsize len;
      if (!g_file_get_contents (argv[i], &data, &len, &error))
        {
          fprintf (stderr, "sieve-eval: %s\n", error->message);
          exit (2);
        }
      g_ptr_array_add (b->raw, g_bytes_new_take (data, len));
      PrdrSieveMessage *m = prdr_sieve_message_new_from_bytes (data, len, &error);
      if (m == NULL)
        {
          fprintf (stderr, "sieve-eval: %s: %s\n", argv[i], error->message);
          exit (2);
        }
      g_ptr_array_add (b->views, m);
    }
}

int
main (int argc, char **argv)
{
  PrdrBenchSieve b = { .seconds = 2.0 };
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  int first = 1;

  if (argc > 2 && strcmp (argv[1], "--seconds") == 0)
    {
      b.seconds = g_ascii_strtod (argv[2], NULL);
      first = 3;
    }
  if (argc - first < 2 || b.seconds <= 0)
    {
      fprintf (stderr, "usage: sieve-eval [--seconds S] SCRIPT MESSAGE...\n");
      return 2;
    }
  g_mime_init ();
  prdr_sieve_context_init (&b.ctx);
  b.ctx.have_spam = TRUE;
  b.ctx.spam_score = 2.5;
  b.ctx.spam_max = 10.0;
  b.ctx.mailbox_exists = prdr_bench_sieve_mailbox_exists;
  if (!g_file_get_contents (argv[first], &text, NULL, &error))
    {
      fprintf (stderr, "sieve-eval: %s\n", error->message);
      return 2;
    }
  prdr_bench_sieve_load (&b, argc - first - 1, argv + first + 1);
  g_autoptr (PrdrSieveScript) keep = prdr_bench_sieve_compile (&b, "keep", "keep;\n");
  g_autoptr (PrdrSieveScript) script = prdr_bench_sieve_compile (&b, argv[first], text);

  double base = prdr_bench_sieve_rate (&b, keep, TRUE);
  double fresh = prdr_bench_sieve_rate (&b, script, TRUE);
  double cached = prdr_bench_sieve_rate (&b, script, FALSE);
  printf ("sieve-eval: %u messages, script %s\n", b.raw->len, argv[first]);
  printf ("  baseline (parse + keep;)   %10.0f evals/s  ratio 1.00\n", base);
  printf ("  fresh    (parse + script)  %10.0f evals/s  ratio %.2f\n", fresh, fresh / base);
  printf ("  cached   (script only)     %10.0f evals/s  ratio %.2f\n", cached, cached / base);
  g_ptr_array_unref (b.raw);
  g_ptr_array_unref (b.views);
  return 0;
}
