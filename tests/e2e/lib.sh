# lib.sh - the harness of the shell end-to-end tests (tests/e2e/*/*.sh).
#
# Source it from a test written for `set -eu`:
#
#   . "$(dirname "$0")/../lib.sh"
#   e2e_init                          # temp dir $T, trap that stops everything
#   e2e_postfix_start                 # private Postfix, smtp-sink as next hop
#   e2e_milter_config "equal" delayed > "$T/prdr.conf"; e2e_milter_start "$T/prdr.conf"
#   e2e_swaks "$T/out" --from a@example.com --to b@example.org
#   e2e_expect "$T/out" '^<~* 250 ' "message accepted"
#   e2e_sink_wait 1; e2e_sink_recipients   # who got a copy
#
# What it provides:
#   $T              a private temp dir (mode 0755 so that unprivileged per-user
#                   programs below it can be executed), removed at exit
#                   unless E2E_KEEP=1
#   e2e_port_next VAR  a free loopback TCP port (from this test's slot's block)
#   e2e_wait_port   wait (bounded) until something listens on a port
#   e2e_postfix_start [MAIN.CF LINES...]
#                   a private Postfix instance (TESTBED.md) in a slot directory
#                   that /etc/postfix/main.cf lists in alternate_config_directories;
#                   sets $SMTPD_PORT, $SINK_PORT, $MILTER_PORT, $PF_DIR, $MAILLOG
#   e2e_sendmail_start
#                   instead of e2e_postfix_start: smtp-sink and a private
#                   Sendmail 8.17 (TESTBED.md; the copy install-deps.sh
#                   unpacks under $SENDMAIL_ROOT) on $SMTPD_PORT, with
#                   prdr-milter on $MILTER_PORT as its mail filter
#   e2e_milter_config MODULES BOUNCE_MODE
#                   prints [general] and [milter] for prdr-milter on $MILTER_PORT
#   e2e_milter_start CONFIG [ARGS...]
#                   runs prdr-milter in the background ($MILTER_PID), waits for
#                   its port; e2e_milter_stop checks that SIGTERM ends it with 0
#   e2e_swaks OUT ARGS...  swaks against the private Postfix; output in OUT;
#                   returns swaks' exit status (never aborts the test by itself)
#   e2e_expect FILE REGEX WHAT / e2e_expect_not FILE REGEX WHAT
#   e2e_sink_wait N     wait (bounded) until smtp-sink stored N messages
#   e2e_sink_recipients prints one line per copy received: the recipient
#                   address of every X-Rcpt-Args line of every stored message
#   e2e_fail MSG / e2e_skip MSG
#
# Postfix refuses a private configuration directory that the default one does
# not list, and tests may run concurrently: E2E_SLOTS directories under
# $E2E_SLOT_ROOT are registered once (under flock), and each test takes a free
# slot with flock for its lifetime.  The slot also fixes the test's block of
# ports, so concurrent tests never race for a port.  Every process started here
# is stopped by PID in the EXIT trap, also when the test fails.

E2E_SLOT_ROOT=${E2E_SLOT_ROOT:-/tmp/prdr-e2e-postfix}
E2E_SLOTS=16
E2E_PORT_BASE=${E2E_PORT_BASE:-31000}
E2E_PORTS_PER_SLOT=40
E2E_WAIT_SECONDS=${E2E_WAIT_SECONDS:-60}

e2e_fail () {
  echo "FAIL: $*" >&2
  exit 1
}

e2e_skip () {
  echo "SKIP: $*" >&2
  exit 77
}

e2e_log () {
  echo "--- $*" >&2
}

# e2e_init - temp dir, binaries, the trap.
e2e_init () {
  E2E_PIDS=""
  PF_DIR=""
  SM_DIR=""
  E2E_SLOT=""
  MILTER_PID=""
  MAILLOG=""
  T=$(mktemp -d /tmp/prdr-e2e.XXXXXX)
  chmod 0755 "$T"
  trap e2e_cleanup EXIT
  trap 'exit 1' INT TERM HUP
  here=$(cd "$(dirname "$0")" && pwd)
  E2E_SOURCE_ROOT=${PRDR_SOURCE_ROOT:-$(cd "$here/../../.." && pwd)}
  PRDR_MILTER=${PRDR_MILTER:-$E2E_SOURCE_ROOT/build/src/milter/prdr-milter}
  [ -x "$PRDR_MILTER" ] || e2e_fail "no prdr-milter binary at $PRDR_MILTER"
  [ "$(id -u)" -eq 0 ] || e2e_skip "the e2e tests run a private Postfix and need root"
  for tool in postfix postconf smtp-sink swaks ss flock; do
    command -v "$tool" >/dev/null 2>&1 || e2e_skip "$tool is not installed"
  done
}

# e2e_cleanup - the EXIT trap: stop Postfix and every started process by PID.
e2e_cleanup () {
  status=$?
  set +e
  if [ -n "$MILTER_PID" ] && kill -0 "$MILTER_PID" 2>/dev/null; then
    E2E_PIDS="$E2E_PIDS $MILTER_PID"
  fi
  if [ -n "$PF_DIR" ]; then
    e2e_postfix_stop
  fi
  for pid in $E2E_PIDS; do
    kill -TERM "$pid" 2>/dev/null
  done
  for pid in $E2E_PIDS; do
    e2e_wait_pid "$pid" 10 || kill -KILL "$pid" 2>/dev/null
  done
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
    for log in "$T"/milter*.log "$MAILLOG"; do
      [ -f "$log" ] || continue
      echo "=== last lines of $log" >&2
      tail -n 40 "$log" >&2
    done
  fi
  if [ "${E2E_KEEP:-0}" = 1 ]; then
    echo "kept $T" >&2
  else
    rm -rf "$T"
  fi
  exit "$status"
}

# e2e_wait_pid PID SECONDS - wait until PID is gone; 1 if it is still there.
e2e_wait_pid () {
  i=0
  while kill -0 "$1" 2>/dev/null; do
    [ "$i" -ge $(($2 * 10)) ] && return 1
    sleep 0.1
    i=$((i + 1))
  done
  return 0
}

e2e_spawn_register () {
  E2E_PIDS="$E2E_PIDS $1"
}

# e2e_slot_take - register the slot directories once, then lock a free one.
e2e_slot_take () {
  mkdir -p "$E2E_SLOT_ROOT"
  wanted=""
  n=0
  while [ "$n" -lt "$E2E_SLOTS" ]; do
    wanted="$wanted $E2E_SLOT_ROOT/slot$n/etc"
    n=$((n + 1))
  done
  (
    flock 9
    current=$(postconf -h alternate_config_directories)
    missing=""
    for dir in $wanted; do
      case " $(echo "$current" | tr ',' ' ') " in
        *" $dir "*) ;;
        *) missing="$missing $dir" ;;
      esac
    done
    if [ -n "$missing" ]; then
      postconf -e "alternate_config_directories = $(echo "$current $missing" | sed 's/^ *//')"
    fi
  ) 9>"$E2E_SLOT_ROOT/register.lock"
  n=0
  while [ "$n" -lt "$E2E_SLOTS" ]; do
    exec 8>"$E2E_SLOT_ROOT/slot$n.lock"
    if flock -n 8; then
      E2E_SLOT=$n
      return 0
    fi
    exec 8>&-
    n=$((n + 1))
  done
  e2e_fail "all $E2E_SLOTS Postfix slots under $E2E_SLOT_ROOT are busy"
}

# e2e_port_next VAR - set variable VAR to the next free port of this test's
# block (no subshell: the counter lives in the test's shell).
e2e_port_next () {
  [ -n "$E2E_SLOT" ] || e2e_fail "e2e_port_next before e2e_postfix_start took a slot"
  E2E_NEXT_PORT=${E2E_NEXT_PORT:-$((E2E_PORT_BASE + E2E_SLOT * E2E_PORTS_PER_SLOT))}
  while :; do
    port=$E2E_NEXT_PORT
    E2E_NEXT_PORT=$((port + 1))
    [ "$port" -lt $((E2E_PORT_BASE + (E2E_SLOT + 1) * E2E_PORTS_PER_SLOT)) ] \
      || e2e_fail "no free port left in slot $E2E_SLOT's block"
    if [ -z "$(ss -Htan "( sport = :$port or dport = :$port )")" ]; then
      eval "$1=$port"
      return 0
    fi
  done
}

# e2e_wait_port PORT [WHAT] - wait until something listens on 127.0.0.1:PORT.
e2e_wait_port () {
  i=0
  while [ -z "$(ss -Hltn "sport = :$1")" ]; do
    [ "$i" -ge $((E2E_WAIT_SECONDS * 10)) ] && e2e_fail "${2:-a server} does not listen on port $1"
    sleep 0.1
    i=$((i + 1))
  done
}

# e2e_sink_start - slot, the ports of the MTA, smtp-sink and the milter;
# smtp-sink runs on $SINK_PORT and stores each message under $T/sink.
e2e_sink_start () {
  e2e_slot_take
  e2e_port_next SMTPD_PORT
  e2e_port_next SINK_PORT
  e2e_port_next MILTER_PORT
  mkdir -p "$T/sink"
  chown postfix "$T/sink"
  smtp-sink -u postfix -d "$T/sink/%H%M%S." "127.0.0.1:$SINK_PORT" 100 \
    >"$T/sink.log" 2>&1 &
  e2e_spawn_register $!
  e2e_wait_port "$SINK_PORT" smtp-sink
}

# e2e_postfix_start [LINE...] - slot, ports, smtp-sink, private Postfix.
e2e_postfix_start () {
  e2e_sink_start
  PF_DIR=$E2E_SLOT_ROOT/slot$E2E_SLOT
  e2e_postfix_stop_stale
  rm -rf "$PF_DIR/etc" "$PF_DIR/q" "$PF_DIR/data"
  mkdir -p "$PF_DIR/etc" "$PF_DIR/q" "$PF_DIR/data"
  chown postfix "$PF_DIR/data"
  MAILLOG=$T/maillog
  sed "s/^smtp\( *\)inet\( .*\)/$SMTPD_PORT inet\2/" /etc/postfix/master.cf > "$PF_DIR/etc/master.cf"
  cat > "$PF_DIR/etc/main.cf" <<EOC
compatibility_level = 3.6
queue_directory = $PF_DIR/q
data_directory = $PF_DIR/data
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.test.example
mydestination =
relay_domains = example.org
relayhost = [127.0.0.1]:$SINK_PORT
mynetworks = 127.0.0.0/8
maillog_file = $MAILLOG
maillog_file_prefixes = $T
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_milters = inet:127.0.0.1:$MILTER_PORT
milter_default_action = tempfail
message_size_limit = 52428800
alias_maps =
alias_database =
EOC
  for line in "$@"; do
    echo "$line" >> "$PF_DIR/etc/main.cf"
  done
  postconf -c "$PF_DIR/etc" -F '*/*/chroot = n'
  postfix -c "$PF_DIR/etc" start >"$T/postfix-start.log" 2>&1 \
    || { cat "$T/postfix-start.log" >&2; e2e_fail "postfix -c $PF_DIR/etc start failed"; }
  e2e_wait_port "$SMTPD_PORT" "Postfix smtpd"
}

# e2e_postfix_master_pid - the private master's PID, or nothing.
e2e_postfix_master_pid () {
  pidfile=$PF_DIR/q/pid/master.pid
  [ -f "$pidfile" ] && tr -d ' \n' < "$pidfile"
}

# e2e_postfix_stop - stop the private Postfix and wait for its master to exit.
e2e_postfix_stop () {
  pid=$(e2e_postfix_master_pid || true)
  postfix -c "$PF_DIR/etc" stop >/dev/null 2>&1 || true
  if [ -n "$pid" ]; then
    e2e_wait_pid "$pid" 20 || kill -KILL "$pid" 2>/dev/null
  fi
}

# e2e_postfix_stop_stale - a master left behind by a killed test in this slot.
e2e_postfix_stop_stale () {
  if [ -f "$PF_DIR/etc/main.cf" ] && [ -n "$(e2e_postfix_master_pid || true)" ]; then
    e2e_postfix_stop
  fi
}

# e2e_sendmail_start - smtp-sink and a private Sendmail (TESTBED.md) that
# relays example.org to it and asks prdr-milter on $MILTER_PORT.  Sendmail
# resolves its own name at start (a DNS query, then a 60 s sleep for a name
# without a dot): it runs in a private mount namespace whose hosts,
# nsswitch.conf and resolv.conf keep every lookup on this machine.
e2e_sendmail_start () {
  SENDMAIL_ROOT=${SENDMAIL_ROOT:-/var/cache/prdr-milter/sendmail-root}
  sendmail=$SENDMAIL_ROOT/usr/libexec/sendmail/sendmail
  cf=$SENDMAIL_ROOT/usr/share/sendmail/cf
  [ -x "$sendmail" ] || e2e_fail "no private Sendmail at $SENDMAIL_ROOT (scripts/install-deps.sh unpacks it)"
  command -v m4 >/dev/null 2>&1 || e2e_fail "m4 is not installed (scripts/install-deps.sh)"
  e2e_sink_start
  SM_DIR=$T/sendmail
  mkdir -p "$SM_DIR/queue" "$SM_DIR/etc"
  chmod 0700 "$SM_DIR/queue"
  : > "$SM_DIR/statistics"
  : > "$SM_DIR/aliases"
  host=$(hostname)
  printf '127.0.0.1 %s.sm.test %s localhost\n::1 %s.sm.test %s localhost\n' \
    "$host" "$host" "$host" "$host" > "$SM_DIR/etc/hosts"
  printf 'passwd: files\ngroup: files\nhosts: files\n' > "$SM_DIR/etc/nsswitch.conf"
  printf 'nameserver 127.0.0.1\n' > "$SM_DIR/etc/resolv.conf"
  cat > "$SM_DIR/test.mc" <<EOC
OSTYPE(\`linux')dnl
define(\`confDOMAIN_NAME', \`mta.sm.test')dnl
define(\`confDONT_PROBE_INTERFACES', \`True')dnl
define(\`QUEUE_DIR', \`$SM_DIR/queue')dnl
define(\`STATUS_FILE', \`$SM_DIR/statistics')dnl
define(\`confPID_FILE', \`$SM_DIR/sendmail.pid')dnl
define(\`ALIAS_FILE', \`$SM_DIR/aliases')dnl
define(\`SMART_HOST', \`relay:[127.0.0.1]')dnl
define(\`RELAY_MAILER_ARGS', \`TCP \$h $SINK_PORT')dnl
FEATURE(\`no_default_msa')dnl
FEATURE(\`nocanonify')dnl
FEATURE(\`accept_unresolvable_domains')dnl
RELAY_DOMAIN(\`example.org')dnl
DAEMON_OPTIONS(\`Port=$SMTPD_PORT, Addr=127.0.0.1, Name=MTA')dnl
INPUT_MAIL_FILTER(\`prdr', \`S=inet:$MILTER_PORT@127.0.0.1, F=T, T=S:30s;R:30s;E:60s')dnl
MAILER(\`smtp')dnl
EOC
  m4 -D_CF_DIR_="$cf/" "$cf/m4/cf.m4" "$SM_DIR/test.mc" > "$SM_DIR/test.cf" \
    || e2e_fail "m4 could not build the Sendmail configuration"
  unshare -m sh -c 'mount --bind "$1/hosts" /etc/hosts \
      && mount --bind "$1/nsswitch.conf" /etc/nsswitch.conf \
      && mount --bind "$1/resolv.conf" /etc/resolv.conf && shift && exec "$@"' \
    sh "$SM_DIR/etc" "$sendmail" -C "$SM_DIR/test.cf" -bD -X "$SM_DIR/traffic.log" \
    >"$SM_DIR/sendmail.out" 2>&1 &
  e2e_spawn_register $!
  e2e_wait_port "$SMTPD_PORT" "Sendmail"
}

# e2e_milter_config MODULES BOUNCE_MODE - [general] and [milter] for a test.
e2e_milter_config () {
  cat <<EOC
[general]
modules = $1
bounce-mode = $2
user = nobody
pidfile = $T/run/prdr-milter.pid
log = file:$T/milter-decisions.log
spooldir = $T/spool
statedir = $T/state

[milter]
socket = inet:$MILTER_PORT@127.0.0.1
timeout = 60s
EOC
}

# e2e_milter_start CONFIG [ARGS...] - prdr-milter in the background.
e2e_milter_start () {
  config=$1
  shift
  "$PRDR_MILTER" -c "$config" "$@" >"$T/milter.log" 2>&1 &
  MILTER_PID=$!
  e2e_wait_port "$MILTER_PORT" prdr-milter
  kill -0 "$MILTER_PID" 2>/dev/null || e2e_fail "prdr-milter exited at start-up"
}

# e2e_milter_stop - SIGTERM must end prdr-milter cleanly (exit status 0).
e2e_milter_stop () {
  kill -TERM "$MILTER_PID"
  e2e_wait_pid "$MILTER_PID" 20 || e2e_fail "prdr-milter still runs 20 s after SIGTERM"
  set +e
  wait "$MILTER_PID"
  rc=$?
  set -e
  MILTER_PID=""
  MAILLOG=""
  [ "$rc" -eq 0 ] || e2e_fail "prdr-milter exited with $rc after SIGTERM, expected 0"
}

# e2e_swaks OUT ARGS... - swaks against the private Postfix.
e2e_swaks () {
  out=$1
  shift
  set +e
  swaks --server "127.0.0.1:$SMTPD_PORT" --helo client.test.example \
        --timeout 120 "$@" >"$out" 2>&1
  rc=$?
  set -e
  return "$rc"
}

# e2e_expect FILE REGEX WHAT - FILE has a line matching REGEX (grep -E).
e2e_expect () {
  grep -Eq -- "$2" "$1" && return 0
  echo "=== $1:" >&2
  tail -n 30 "$1" >&2
  e2e_fail "$3: expected a line matching /$2/ in $(basename "$1")"
}

e2e_expect_not () {
  grep -Eq -- "$2" "$1" || return 0
  echo "=== $1:" >&2
  grep -E -- "$2" "$1" | head -n 5 >&2
  e2e_fail "$3: expected no line matching /$2/ in $(basename "$1")"
}

# e2e_sink_count - how many message files smtp-sink has begun (complete
# once the MTA's queue is empty: e2e_sink_wait).
e2e_sink_count () {
  find "$T/sink" -type f | wc -l
}

# e2e_sink_wait N - wait until smtp-sink stored N messages and the private
# MTA's queue is empty (both MTAs deliver asynchronously), flushing Postfix's
# queue while waiting.
e2e_sink_wait () {
  i=0
  while [ "$(e2e_sink_count)" -lt "$1" ] || ! e2e_mta_queue_empty; do
    if [ "$i" -ge $((E2E_WAIT_SECONDS * 10)) ]; then
      [ -z "$PF_DIR" ] || postqueue -c "$PF_DIR/etc" -p >&2 || true
      e2e_fail "smtp-sink got $(e2e_sink_count) messages, expected $1"
    fi
    if [ -n "$PF_DIR" ] && [ $((i % 50)) -eq 49 ]; then
      postqueue -c "$PF_DIR/etc" -f >/dev/null 2>&1 || true
    fi
    sleep 0.1
    i=$((i + 1))
  done
}

# e2e_mta_queue_empty - nothing left in the private MTA's queue (Postfix's,
# or Sendmail's queue directory): smtp-sink has answered every delivery, so
# the files it stores are complete.
e2e_mta_queue_empty () {
  if [ -n "$PF_DIR" ]; then
    [ -z "$(postqueue -c "$PF_DIR/etc" -j 2>/dev/null)" ]
  elif [ -n "$SM_DIR" ]; then
    [ -z "$(ls -A "$SM_DIR/queue")" ]
  fi
}

# e2e_sink_recipients - one line per delivered copy: the recipient address
# (lower-case, without brackets), sorted.
e2e_sink_recipients () {
  find "$T/sink" -type f -exec grep -h -i '^X-Rcpt-Args:' {} + 2>/dev/null \
    | sed -e 's/^[^:]*: *//' -e 's/^[Tt][Oo]: *//' -e 's/^<\([^>]*\)>.*/\1/' -e 's/ .*//' \
    | tr 'A-Z' 'a-z' | sort
}

# e2e_expect_recipients "a@x b@y" WHAT - exactly these copies were delivered.
e2e_expect_recipients () {
  want=$(for r in $1; do echo "$r"; done | sort)
  got=$(e2e_sink_recipients)
  [ "$got" = "$want" ] && return 0
  e2e_fail "$2: expected copies for [$(echo $want)], got [$(echo $got)]"
}

# e2e_program USER - install the per-user program $T/home/USER/.prdr-filter
# from stdin (for [exec] program = $T/home/%u/.prdr-filter), mode 0755.
# When the test runs as root the file and its directory belong to nobody:
# the exec module runs a program as its owner and never as root.
e2e_program () {
  mkdir -p "$T/home/$1"
  cat > "$T/home/$1/.prdr-filter"
  chmod 0755 "$T/home/$1" "$T/home/$1/.prdr-filter"
  [ "$(id -u)" -ne 0 ] || chown nobody "$T/home/$1" "$T/home/$1/.prdr-filter"
}

# e2e_program_link USER OTHER - USER's program is OTHER's (one file, reached
# through a symlink): both resolve to the same program.
e2e_program_link () {
  mkdir -p "$T/home/$1"
  chmod 0755 "$T/home/$1"
  ln -s "$T/home/$2/.prdr-filter" "$T/home/$1/.prdr-filter"
  [ "$(id -u)" -ne 0 ] || chown -h nobody "$T/home/$1" "$T/home/$1/.prdr-filter"
}

# e2e_exec_config BOUNCE_MODE [EXEC TIMEOUT] - a configuration with the
# modules equal and exec, per-user programs under $T/home.
e2e_exec_config () {
  e2e_milter_config "equal, exec" "$1"
  cat <<EOC

[exec]
program = $T/home/%u/.prdr-filter
timeout = ${2:-30s}
EOC
}

# e2e_reply_to OUT COMMAND - the server's reply lines to the client line
# that starts with COMMAND (e.g. "RCPT TO:<bob@example.org>") in swaks output.
e2e_reply_to () {
  awk -v cmd="$2" '
    index($0, " -> " cmd) == 1 { found = 1; next }
    found && /^<[-~*]* / { print; if ($0 !~ /^<[-~*]* +[0-9][0-9][0-9]-/) exit; next }
    found && /^ -> / { exit }
  ' "$1"
}

# e2e_expect_reply OUT COMMAND REGEX WHAT - the reply to COMMAND matches.
e2e_expect_reply () {
  got=$(e2e_reply_to "$1" "$2")
  if ! printf '%s\n' "$got" | grep -Eq -- "$3"; then
    echo "=== $1:" >&2
    tail -n 40 "$1" >&2
    e2e_fail "$4: reply to '$2' should match /$3/, got '$got'"
  fi
}

# e2e_milter_rss KIND - VmRSS or VmHWM of prdr-milter in kB.
e2e_milter_rss () {
  sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$MILTER_PID/status"
}
