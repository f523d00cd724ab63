#!/bin/sh
# sqlite-processes.sh TABLE-TOOL - processes configured on one default
# SQLite table (no [table:NAME] section: <statedir>/NAME.sqlite) see each
# other's inserts, and of processes racing to insert-if-absent the same key
# exactly one wins (BEGIN IMMEDIATE, busy timeout).
set -eu
tool=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/prdr-sqlite-XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"; }
printf '[general]\nstatedir = %s\n' "$T" > "$T/prdr.conf"
t() { "$tool" "$T/prdr.conf" greylist "$@"; }

t insert k from-first || fail "first process: insert failed"
expect "second process sees the first's insert" "from-first" "$(t lookup k)"
[ -f "$T/greylist.sqlite" ] || fail "no $T/greylist.sqlite"
pids=""
for i in 1 2 3 4 5 6 7 8; do
  t insert-if-absent race "racer-$i" > "$T/racer-$i.out" 2>&1 &
  pids="$pids $!"
done
for pid in $pids; do wait "$pid" || fail "a racer failed: $(cat "$T"/racer-*.out)"; done
expect "racers that inserted" 1 "$(cat "$T"/racer-*.out | grep -c '^inserted$' || true)"
expect "rows under the raced key" 1 "$(t lookup race | wc -l | tr -d ' ')"
echo "ok: processes share the SQLite table"
