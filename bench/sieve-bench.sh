#!/bin/sh
# sieve-bench.sh BUILDDIR - the Sieve benchmarks: in-process evaluations
# per second (sieve-eval) and prdr-sieve against sieve-test, whole process
# (sieve-vs-pigeonhole.sh).  Each prints its ratios against a baseline
# measured in the same run.  Called by bench/run.sh; by hand:
#   sh bench/sieve-bench.sh build
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
build=$1
DIFF=$HERE/../tests/differential
if [ -x "$build/bench/sieve-eval" ]; then
  "$build/bench/sieve-eval" --seconds "${SIEVE_BENCH_SECONDS:-2}" \
    "$DIFF/scripts/realistic-30.sieve" "$DIFF"/messages/*.eml
else
  echo "sieve-eval: not built (needs src/sieve), skipped"
fi
if [ -x "$build/src/tools/prdr-sieve" ]; then
  sh "$HERE/sieve-vs-pigeonhole.sh" "$build/src/tools/prdr-sieve" "${SIEVE_BENCH_RUNS:-100}"
else
  echo "sieve-vs-pigeonhole: prdr-sieve not built, skipped"
fi
