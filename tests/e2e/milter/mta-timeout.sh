#!/bin/sh
# mta-timeout.sh - Postfix gives up on the milter (milter_content_timeout)
# while a per-user program is still running: the client gets Postfix's
# tempfail, and prdr-milter, once the program is done, cleans up the
# abandoned connection and keeps answering new ones.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
e2e_postfix_start "milter_content_timeout = 1s"
e2e_program slow <<'EOP'
#!/bin/sh
cat > /dev/null
exec sleep 10
EOP
e2e_program alice <<'EOP'
#!/bin/sh
cat > /dev/null
EOP
e2e_exec_config delayed 60s > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"

e2e_swaks "$T/slow" --from sender@example.com --to slow@example.org || true
e2e_expect_reply "$T/slow" "." '^<\*\* +4[0-9][0-9] ' "Postfix timed out on the milter"

e2e_swaks "$T/alice" --from sender@example.com --to alice@example.org \
  || e2e_fail "swaks to alice failed (status $?)"
e2e_expect_reply "$T/alice" "." '^<- +250 ' "a message while the slow program still runs"
e2e_sink_wait 1
e2e_expect_recipients "alice@example.org" "only alice got a copy"
# The abandoned transaction ends with the slow program's verdict logged.
i=0
until grep -q 'rcpt=slow@example.org module=exec stage=eom' "$T/milter-decisions.log"; do
  [ "$i" -lt 300 ] || e2e_fail "no decision logged for the abandoned transaction"
  sleep 0.1
  i=$((i + 1))
done
kill -0 "$MILTER_PID" || e2e_fail "prdr-milter died after the MTA's timeout"
e2e_swaks "$T/again" --from sender@example.com --to alice@example.org \
  || e2e_fail "swaks after the abandoned transaction failed (status $?)"
e2e_expect_reply "$T/again" "." '^<- +250 ' "a message after the abandoned transaction"
e2e_milter_stop
echo "PASS"
