#!/bin/sh
# sieve-vs-pigeonhole.sh PRDR_SIEVE [N] - whole-process benchmark: run
# prdr-sieve and Pigeonhole's sieve-test (the baseline, measured in the same
# run) N times each (default 100) on the same script and message
# (tests/differential/scripts/realistic-30.sieve, messages/list.eml), and
# print milliseconds per run and the ratio prdr-sieve / sieve-test
# (below 1: prdr-sieve is faster).  Both compile the script on every run
# (sieve-test with -C).  Timing by `date +%s%N` around each loop.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DIFF=$HERE/../tests/differential
prdr=$1 n=${2:-100}
script=$DIFF/scripts/realistic-30.sieve msg=$DIFF/messages/list.eml
command -v sieve-test >/dev/null || { echo "sieve-vs-pigeonhole: sieve-test not installed, skipped"; exit 0; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sieve-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
chmod 755 "$work"
cp "$script" "$msg" "$work/"
priv=
if [ "$(id -u)" = 0 ]; then
  priv="-o mail_uid=65534 -o mail_gid=65534"
  chown -R 65534:65534 "$work"
fi

run_sieve_test() {
  HOME=$work sieve-test $priv -o "mail_location=maildir:$work/Maildir" -C \
    -f sender@example.org -a rcpt+lists@example.net -r rcpt+lists@example.net \
    "$work/realistic-30.sieve" "$work/list.eml" >/dev/null 2>&1
}
run_prdr() {
  "$prdr" -f sender@example.org -r rcpt+lists@example.net \
    "$work/realistic-30.sieve" "$work/list.eml" >/dev/null 2>&1
}

# Check both work before timing them.
run_sieve_test || { echo "sieve-vs-pigeonhole: sieve-test failed" >&2; exit 1; }
run_prdr || { echo "sieve-vs-pigeonhole: prdr-sieve failed" >&2; exit 1; }

time_loop() {
  t0=$(date +%s%N)
  i=0
  while [ $i -lt "$n" ]; do "$1"; i=$((i + 1)); done
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / n ))
}
base=$(time_loop run_sieve_test)
ours=$(time_loop run_prdr)
awk -v b="$base" -v o="$ours" -v n="$n" 'BEGIN {
  printf "sieve-vs-pigeonhole: %d runs each, realistic-30.sieve on list.eml\n", n
  printf "  baseline sieve-test  %8.2f ms/run  ratio 1.00\n", b / 1e6
  printf "  prdr-sieve           %8.2f ms/run  ratio %.2f\n", o / 1e6, o / b }'
