/*
 * fuzz-sieve-parse.c - libFuzzer target: compile arbitrary bytes as a Sieve
 * script (RFC 5228 grammar, every extension the engine supports).
 *
 * Properties checked on every input, besides the sanitizers' (no crash,
 * no leak, no undefined behaviour): a compile either yields a script or
 * fails with a PRDR_SIEVE_ERROR_COMPILE error and at least one error
 * diagnostic, and every diagnostic carries a 1-based line and column and
 * its "script:line:col: message" text.  include (RFC 6609) resolves the
 * names "a" and "b" to small fixed scripts (b includes a, and "loop"
 * includes itself) so the include machinery is reached too.
 * Limits are the engine defaults (src/sieve/limits.h).
 */
#include <stdint.h>
#include <string.h>

#include "sieve/sieve.h"

#include "fuzz-sieve-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  PrdrSieveContext ctx;
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrSieveScript) script = NULL;

  prdr_fuzz_sieve_context_init (&ctx);
  script = prdr_sieve_script_compile (&ctx, "fuzz", (const char *) data,
                                      (gssize) size, &diagnostics, &error);
  prdr_fuzz_sieve_check_compile (script, diagnostics, error);
  return 0;
}
