#!/bin/sh
# odbc.sh TEST-PROGRAM - the table behavioural suite and the restart test
# (test-tables-odbc.c) against a throwaway PostgreSQL through unixODBC.
set -eu
. "$(dirname "$0")/pg.sh"
program=$1
pg_setup
PRDR_TEST_ODBC=$PG_CONN
PRDR_TEST_PG_STOP=". '$(dirname "$0")/pg.sh'; T='$T'; pg_stop"
PRDR_TEST_PG_START=". '$(dirname "$0")/pg.sh'; T='$T'; pg_start"
export PRDR_TEST_ODBC PRDR_TEST_PG_STOP PRDR_TEST_PG_START
"$program" || pg_fail "test-tables-odbc failed (PostgreSQL log: see above)"
