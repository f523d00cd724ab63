#!/bin/sh
# processes.sh TABLE-TOOL - several processes configured on one PostgreSQL
# table (through [table:NAME] backend = odbc with the default statements)
# see each other's inserts, and of processes racing to insert-if-absent
# the same key exactly one wins.
set -eu
. "$(dirname "$0")/pg.sh"
tool=$1
pg_setup
cat > "$T/prdr.conf" <<EOC
[general]
statedir = $T
[table:shared]
backend = odbc
connection = $PG_CONN
retry = 0
EOC
t() { "$tool" "$T/prdr.conf" shared "$@"; }
expect() {  # expect WHAT EXPECTED GOT
  [ "$2" = "$3" ] || pg_fail "$1: expected '$2', got '$3'"
}

t insert k from-first || pg_fail "first process: insert failed"
expect "second process sees the first's insert" "from-first" "$(t lookup k)"
t insert k from-second || pg_fail "second process: insert failed"
expect "a third process sees both, oldest first" "from-first
from-second" "$(t lookup k)"

# Racers: started together, each in its own process.
pids=""
for i in 1 2 3 4 5 6; do
  t insert-if-absent race "racer-$i" > "$T/racer-$i.out" 2>&1 &
  pids="$pids $!"
done
for pid in $pids; do wait "$pid" || pg_fail "a racer failed: $(cat "$T"/racer-*.out)"; done
winners=$(cat "$T"/racer-*.out | grep -c '^inserted$' || true)
expect "racers that inserted" 1 "$winners"
expect "rows under the raced key" 1 "$(t lookup race | wc -l | tr -d ' ')"
winner=$(grep -l '^inserted$' "$T"/racer-*.out | sed 's/.*racer-\([0-9]\)\.out/racer-\1/')
expect "the stored value is the winner's" "$winner" "$(t lookup race)"

# The database going away is "unavailable" (exit 2) for a new process too.
pg_stop
status=0; t lookup k 2>"$T/down.err" || status=$?
expect "exit status while the database is down" 2 "$status"
pg_start
expect "after the restart" "from-first
from-second" "$(t lookup k)"
echo "ok: processes share the PostgreSQL table"
