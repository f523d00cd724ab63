#!/bin/sh
# timeout.sh - a per-user program that hangs is killed after [exec] timeout
# and the message is tempfailed (4xx); the daemon answers the next message.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
e2e_postfix_start
e2e_program hang <<'EOP'
#!/bin/sh
exec sleep 3600
EOP
e2e_program alice <<'EOP'
#!/bin/sh
cat > /dev/null
EOP
e2e_exec_config delayed 2s > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"

e2e_swaks "$T/hang" --from sender@example.com --to hang@example.org || true
e2e_expect_reply "$T/hang" "." '^<\*\* +4[0-9][0-9] ' "a hanging program"
e2e_expect "$T/milter-decisions.log" 'rcpt=hang@example.org module=exec stage=eom verdict=tempfail' \
  "the decision log line for the hanging program"

e2e_swaks "$T/alice" --from sender@example.com --to alice@example.org \
  || e2e_fail "swaks to alice failed (status $?)"
e2e_expect_reply "$T/alice" "." '^<- +250 ' "the next message"
e2e_sink_wait 1
e2e_expect_recipients "alice@example.org" "only alice got a copy"
e2e_milter_stop
echo "PASS"
