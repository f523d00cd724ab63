/*
 * fuzz-sieve-common.c - shared parts of the Sieve fuzz targets (see
 * fuzz-sieve-common.h).  A broken property aborts, which libFuzzer reports
 * as a crash with the input that caused it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-sieve-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);

/* libFuzzer calls this once: the engine uses GMime (addresses, headers),
 * which its callers initialise. */
int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  g_mime_init ();
  return 0;
}

/* Scripts the include resolver knows; others are "not found". */
static const struct {
  const char *name;
  const char *text;
} fuzz_includes[] = {
  { "a", "require [\"fileinto\", \"variables\", \"include\"];\n"
         "global \"g\";\nset \"g\" \"from-a\";\nfileinto \"A\";\n" },
  { "b", "require \"include\";\ninclude :personal \"a\";\nreturn;\n" },
  { "loop", "require \"include\";\ninclude :personal \"loop\";\n" },
};

static char *
prdr_fuzz_sieve_resolve (const char *location, const char *name, gsize *length,
                         gpointer user_data, GError **error)
{
  (void) location;
  (void) user_data;
  for (gsize i = 0; i < G_N_ELEMENTS (fuzz_includes); i++)
    if (strcmp (fuzz_includes[i].name, name) == 0)
      {
        *length = strlen (fuzz_includes[i].text);
        return g_strdup (fuzz_includes[i].text);
      }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no script %s", name);
  return NULL;
}

static gboolean
prdr_fuzz_sieve_duplicate (const char *id, guint64 seconds, gpointer user_data)
{
  (void) seconds;
  (void) user_data;
  /* Deterministic: ids starting with a digit count as seen. */
  return id[0] >= '0' && id[0] <= '9';
}

static gboolean
prdr_fuzz_sieve_mailbox_exists (const char *mailbox, gpointer user_data)
{
  (void) user_data;
  return strcmp (mailbox, "INBOX") == 0;
}

void
prdr_fuzz_sieve_context_init (PrdrSieveContext *ctx)
{
  prdr_sieve_context_init (ctx);
  ctx->have_spam = TRUE;
  ctx->spam_score = 7.3;
  ctx->spam_max = 10.0;
  ctx->have_virus = TRUE;
  ctx->virus_level = 2;
  ctx->current_time = 1795000000; /* fixed: runs are reproducible */
  ctx->script_resolver = prdr_fuzz_sieve_resolve;
  ctx->duplicate_check = prdr_fuzz_sieve_duplicate;
  ctx->mailbox_exists = prdr_fuzz_sieve_mailbox_exists;
}

static void
prdr_fuzz_sieve_fail (const char *what)
{
  fprintf (stderr, "fuzz property broken: %s\n", what);
  abort ();
}

void
prdr_fuzz_sieve_check_compile (PrdrSieveScript *script, GPtrArray *diagnostics,
                               const GError *error)
{
  gboolean have_error_diag = FALSE;

  if (script == NULL
      && (error == NULL || !g_error_matches (error, PRDR_SIEVE_ERROR,
                                             PRDR_SIEVE_ERROR_COMPILE)))
    prdr_fuzz_sieve_fail ("failed compile without PRDR_SIEVE_ERROR_COMPILE");
  if (script != NULL && error != NULL)
    prdr_fuzz_sieve_fail ("a script and an error at once");
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const PrdrSieveDiagnostic *d = g_ptr_array_index (diagnostics, i);
      if (d->line == 0 || d->column == 0 || d->text == NULL || d->message == NULL)
        prdr_fuzz_sieve_fail ("diagnostic without line, column or text");
      have_error_diag |= !d->warning;
    }
  if (script == NULL && !have_error_diag)
    prdr_fuzz_sieve_fail ("failed compile without an error diagnostic");
}
