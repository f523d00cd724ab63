/*
 * fuzz-sieve-common.h - what the Sieve fuzz targets share: libFuzzer's
 * LLVMFuzzerInitialize (GMime set-up), a caller context with fixed facts and an include resolver over a few fixed
 * scripts, and the property check of a compile's outcome.
 */
#ifndef PRDR_FUZZ_SIEVE_COMMON_H
#define PRDR_FUZZ_SIEVE_COMMON_H

#include "sieve/sieve.h"

void prdr_fuzz_sieve_context_init (PrdrSieveContext *ctx);
void prdr_fuzz_sieve_check_compile (PrdrSieveScript *script,
                                    GPtrArray *diagnostics,
                                    const GError *error);

#endif
