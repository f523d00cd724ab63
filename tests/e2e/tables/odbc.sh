#!/bin/sh
# odbc.sh TEST-PROGRAM - the table behavioural suite and the restart test
# (test-tables-odbc.c) against a throwaway PostgreSQL through unixODBC.
set -eu
. "$(dirname "$0")/pg.sh"
program=$1
pg_setup
PRDR_TEST_ODBC=$PG_CONN
PRDR_TEST_PG_STOP=". '$(dirname "$0")/pg.sh'; T='$T'; pg_stop"
PRDR_TEST_PG_KILL=". '$(dirname "$0")/pg.sh'; T='$T'; pg_kill"
PRDR_TEST_PG_START=". '$(dirname "$0")/pg.sh'; T='$T'; pg_start"
PRDR_TEST_PG_FREEZE=". '$(dirname "$0")/pg.sh'; T='$T'; pg_freeze"
PRDR_TEST_PG_THAW=". '$(dirname "$0")/pg.sh'; T='$T'; pg_thaw"
export PRDR_TEST_ODBC PRDR_TEST_PG_STOP PRDR_TEST_PG_KILL PRDR_TEST_PG_START \
  PRDR_TEST_PG_FREEZE PRDR_TEST_PG_THAW
"$program" || pg_fail "test-tables-odbc failed (PostgreSQL log: see above)"
