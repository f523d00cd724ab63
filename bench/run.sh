#!/bin/sh
# run.sh BUILDDIR - `make bench`: every benchmark, each printing its ratio
# against a baseline measured in the same run.  Not part of `make check`.
#   milter-bench.sh  Postfix throughput through prdr-milter vs a no-op milter
#   sieve-bench.sh   Sieve evaluation (when src/sieve is built)
#   tables-bench.sh  table operations, PostgreSQL over ODBC vs SQLite
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
status=0
for bench in milter-bench.sh sieve-bench.sh tables-bench.sh; do
  [ -f "$here/$bench" ] || continue
  echo "=== $bench"
  sh "$here/$bench" "$build" || { echo "$bench failed" >&2; status=1; }
done
exit "$status"
