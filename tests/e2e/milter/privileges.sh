#!/bin/sh
# privileges.sh - started as root with [general] user = nobody and a unix
# socket: the daemon runs as nobody (real, effective and saved uid), the
# socket, pidfile, state and spool directories it created belong to nobody,
# Postfix reaches it through the socket, and SIGTERM removes the pidfile.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
e2e_postfix_start "smtpd_milters = unix:$T/run/prdr.sock"
e2e_program alice <<'EOP'
#!/bin/sh
cat > /dev/null
EOP
e2e_exec_config delayed | sed "s|^socket = .*|socket = unix:$T/run/prdr.sock|" > "$T/prdr.conf"
nobody_uid=$(id -u nobody)

# The socket's mode follows the umask (prdr-milter(8)); Postfix's smtpd
# (user postfix) must be able to write to it.
(umask 0000 && exec "$PRDR_MILTER" -c "$T/prdr.conf") > "$T/milter.log" 2>&1 &
MILTER_PID=$!
i=0
until [ -S "$T/run/prdr.sock" ] && [ -s "$T/run/prdr-milter.pid" ]; do
  [ "$i" -lt 300 ] || e2e_fail "no socket or pidfile from prdr-milter"
  kill -0 "$MILTER_PID" 2>/dev/null || e2e_fail "prdr-milter exited at start-up"
  sleep 0.1
  i=$((i + 1))
done

[ "$(cat "$T/run/prdr-milter.pid")" = "$MILTER_PID" ] \
  || e2e_fail "pidfile holds $(cat "$T/run/prdr-milter.pid"), expected $MILTER_PID"
uids=$(sed -n 's/^Uid:[[:space:]]*//p' "/proc/$MILTER_PID/status" | tr -s '\t ' ' ')
[ "$uids" = "$nobody_uid $nobody_uid $nobody_uid $nobody_uid" ] \
  || e2e_fail "prdr-milter runs with uids '$uids', expected nobody ($nobody_uid) for all"
for path in "$T/run/prdr.sock" "$T/run/prdr-milter.pid" "$T/run" "$T/state" "$T/spool"; do
  owner=$(stat -c %U "$path")
  [ "$owner" = nobody ] || e2e_fail "$path belongs to $owner, expected nobody"
done

e2e_swaks "$T/alice" --from sender@example.com --to alice@example.org \
  || e2e_fail "swaks failed (status $?)"
e2e_expect_reply "$T/alice" "." '^<- +250 ' "a message through the unix socket"
e2e_sink_wait 1
e2e_expect_recipients "alice@example.org" "alice got her copy"

e2e_milter_stop
[ ! -e "$T/run/prdr-milter.pid" ] || e2e_fail "the pidfile is still there after SIGTERM"
echo "PASS"
