#!/bin/sh
# run-fuzz.sh TARGET CORPUS SECONDS [DICT] - run one libFuzzer target for
# SECONDS on its seed corpus (suite 'fuzz').  The checked-in corpus is only
# read: libFuzzer writes new inputs into the first directory given, a
# temporary one here, and crash/leak/timeout artifacts into the same temp
# dir.  On a finding the artifact is printed in base64 (decode it to replay:
# `base64 -d > crash && TARGET crash`).
set -eu

target=$1 corpus=$2 seconds=$3 dict=${4:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/new"

set -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$work/" -print_final_stats=1
[ -n "$dict" ] && set -- "$@" -dict="$dict"

[ -d "$corpus" ] || { echo "run-fuzz.sh: no corpus at $corpus" >&2; exit 1; }
echo "fuzzing $(basename "$target") for ${seconds}s on $(ls "$corpus" | wc -l) seeds"
if "$target" "$@" "$work/new" "$corpus"; then
  echo "no finding; $(ls "$work/new" | wc -l) new inputs (discarded)"
  exit 0
fi
echo "FAIL: $(basename "$target") found a problem (expected none); artifacts:"
for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* "$work"/slow-unit-*; do
  [ -f "$f" ] || continue
  echo "--- $(basename "$f") ($(wc -c <"$f") octets), base64:"
  base64 "$f" | head -n 200
done
exit 1
