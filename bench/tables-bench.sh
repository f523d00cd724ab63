#!/bin/sh
# tables-bench.sh BUILDDIR [OPS] [THREADS] - table operations per second on
# SQLite (the baseline) and on PostgreSQL through ODBC (a throwaway cluster,
# as in tests/e2e/tables, fsync off), and the ratio PostgreSQL / SQLite for
# each.  SQLite runs WAL with synchronous=NORMAL (no fsync per commit either).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
ops=${2:-5000}
threads=${3:-4}
bench=$build/bench/tables-bench
. "$here/../tests/e2e/tables/pg.sh"
pg_setup
"$bench" sqlite "$T/bench.sqlite" "$ops" "$threads" | tee "$T/sqlite.out"
"$bench" odbc "$PG_CONN" "$ops" "$threads" | tee "$T/odbc.out"
awk 'NR == FNR { base[$2] = $3; next }
     { printf "ratio odbc/sqlite %s %.3f\n", $2, $3 / base[$2] }' "$T/sqlite.out" "$T/odbc.out"
