#!/bin/sh
# make-seeds.sh [PIGEONHOLE_TESTS] - (re)build the seed corpora corpus/<target>/
# from the differential corpus (tests/differential) and Pigeonhole's test
# scripts (LGPL-2.1 test data, default ../shared/conformance/pigeonhole-tests
# beside the repository).  Run from anywhere; commit the result.
#   fuzz-sieve-parse: every script, every .svtest and Pigeonhole fixture.
#   fuzz-sieve-run:   script NUL message; each differential script with one
#                     message (round robin), the 30-rule script with every
#                     message, and Pigeonhole's example scripts.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DIFF=$HERE/../differential
PH=${1:-$HERE/../../../shared/conformance/pigeonhole-tests}
[ -d "$PH/tests" ] || PH=$HERE/../../../../shared/conformance/pigeonhole-tests
[ -d "$PH/tests" ] || { echo "make-seeds.sh: Pigeonhole tests not found; give their path" >&2; exit 1; }

parse=$HERE/corpus/fuzz-sieve-parse run=$HERE/corpus/fuzz-sieve-run
rm -rf "$parse" "$run"
mkdir -p "$parse" "$run"

for f in "$DIFF"/scripts/*.sieve "$DIFF"/include/*/*.sieve; do
  cp "$f" "$parse/diff-$(basename "$f")"
done
(cd "$PH" && find tests examples -type f \( -name '*.sieve' -o -name '*.svtest' \)) |
  while read -r f; do cp "$PH/$f" "$parse/ph-$(echo "$f" | tr / -)"; done

set -- "$DIFF"/messages/*.eml
n=0
for s in "$DIFF"/scripts/*.sieve; do
  n=$((n + 1)); i=$(( (n - 1) % $# + 1 ))
  m=$(eval echo "\${$i}")
  { cat "$s"; printf '\0'; cat "$m"; } >"$run/diff-$(basename "$s" .sieve)-$(basename "$m" .eml)"
done
for m in "$@"; do
  { cat "$DIFF/scripts/realistic-30.sieve"; printf '\0'; cat "$m"; } \
    >"$run/realistic-30-$(basename "$m" .eml)"
done
for s in "$PH"/examples/*.sieve; do
  { cat "$s"; printf '\0'; cat "$DIFF/messages/plain.eml"; } >"$run/ph-example-$(basename "$s" .sieve)"
done
echo "seeds: $(ls "$parse" | wc -l) parse, $(ls "$run" | wc -l) run"
