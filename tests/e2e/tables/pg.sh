# pg.sh - sourced by the tables e2e tests: a throwaway PostgreSQL cluster in
# a temp dir, reachable only through a unix socket there, and an ODBC
# environment of its own (ODBCSYSINI: Debian's odbcinst.ini turns on
# CommLog, which would leave a log file in /tmp per process).
#
#   pg_setup          initdb + start; sets T, PG_CONN (an ODBC connection string)
#   pg_stop / pg_kill / pg_start   stop (fast), kill (immediate) and start again
#   pg_freeze / pg_thaw   SIGSTOP and SIGCONT the server's processes
# The EXIT trap stops the server by its PID file and removes $T.
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PG_PORT=55432

pg_fail() { echo "FAIL: $*" >&2; exit 1; }

# pg_wait_gone PID TENTHS - wait up to TENTHS tenths of a second for PID to exit.
pg_wait_gone() {
  i=0; while kill -0 "$1" 2>/dev/null && [ $i -lt "$2" ]; do sleep 0.1; i=$((i + 1)); done
  ! kill -0 "$1" 2>/dev/null
}

# pg_cleanup - the server by its PID: resumed if frozen, fast shutdown
# (SIGINT, clients disconnected), immediate (SIGQUIT) if that hangs.
pg_cleanup() {
  if [ -f "$T/pg/data/postmaster.pid" ]; then
    pid=$(head -n 1 "$T/pg/data/postmaster.pid")
    kill -CONT $(pgrep -P "$pid") "$pid" 2>/dev/null || true
    kill -INT "$pid" 2>/dev/null || true
    pg_wait_gone "$pid" 100 || { kill -QUIT "$pid" 2>/dev/null; pg_wait_gone "$pid" 50; } \
      || echo "pg.sh: PostgreSQL $pid did not stop" >&2
  fi
  rm -rf "$T"
}

pg_as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  pg_as_postgres "$PGBIN/pg_ctl" -D "$T/pg/data" -l "$T/pg/log" -w -o \
    "-k $T/pg -c listen_addresses='' -p $PG_PORT -c fsync=off" start >/dev/null \
    || { cat "$T/pg/log" >&2; pg_fail "PostgreSQL did not start"; }
}

pg_stop() {
  pg_as_postgres "$PGBIN/pg_ctl" -D "$T/pg/data" -m fast -w stop >/dev/null \
    || pg_fail "PostgreSQL did not stop"
}

# pg_kill - as a crash: immediate shutdown, no checkpoint, recovery on start.
pg_kill() {
  pg_as_postgres "$PGBIN/pg_ctl" -D "$T/pg/data" -m immediate -w stop >/dev/null \
    || pg_fail "PostgreSQL did not die"
}

# pg_freeze / pg_thaw - the server and its backends stop answering (SIGSTOP)
# without closing anything, as a hung host would; and resume.
pg_signal_all() {
  pid=$(head -n 1 "$T/pg/data/postmaster.pid")
  kill "-$1" $(pgrep -P "$pid") "$pid"
}
pg_freeze() { pg_signal_all STOP; }
pg_thaw() { pg_signal_all CONT; }

pg_setup() {
  [ -x "$PGBIN/initdb" ] || { echo "SKIP: no PostgreSQL server installed"; exit 77; }
  driver=$(ls /usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so /usr/lib/*/odbc/psqlodbcw.so 2>/dev/null | head -n 1)
  [ -n "$driver" ] || { echo "SKIP: no psqlODBC driver installed"; exit 77; }
  T=$(mktemp -d "${TMPDIR:-/tmp}/prdr-pg-XXXXXX")
  trap pg_cleanup EXIT
  trap 'exit 1' INT TERM
  chmod 755 "$T"
  mkdir -p "$T/pg" "$T/odbc"
  [ "$(id -u)" = 0 ] && chown postgres "$T/pg"
  pg_as_postgres "$PGBIN/initdb" -D "$T/pg/data" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$T/initdb.log" 2>&1 \
    || { cat "$T/initdb.log" >&2; pg_fail "initdb failed"; }
  pg_start
  pg_as_postgres psql -q -h "$T/pg" -p $PG_PORT -U postgres -c "CREATE ROLE t LOGIN" \
    -c "CREATE DATABASE t OWNER t" >/dev/null || pg_fail "cannot create the test database"
  printf '[ODBC]\nTrace=No\n' > "$T/odbc/odbcinst.ini"
  ODBCSYSINI=$T/odbc
  ODBCINI=$T/odbc/odbc.ini
  : > "$ODBCINI"
  export ODBCSYSINI ODBCINI
  PG_CONN="Driver=$driver;Servername=$T/pg;Port=$PG_PORT;Database=t;Username=t"
}
