#!/bin/sh
# sendmail.sh - prdr-milter as the mail filter of a real Sendmail 8.17
# (bounce mode `delayed`): in one transaction alice and carol (one shared
# per-user program, which runs once) get a copy and bob, whose program
# rejects, gets 452 4.5.3 at RCPT; sent alone, bob gets his own 550 text
# after DATA; one decision log line per recipient.  The same behaviour as
# delayed.sh through Postfix: the milter protocol as Sendmail speaks it
# (its macros, its order of callbacks) gives the same answers.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
e2e_sendmail_start

e2e_program alice <<EOP
#!/bin/sh
cat > /dev/null
echo run >> $T/home/alice/runs
exit 0
EOP
e2e_program_link carol alice
e2e_program bob <<'EOP'
#!/bin/sh
echo "5.7.1 bob does not want this"
exit 1
EOP
e2e_exec_config delayed > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"

e2e_swaks "$T/three" --from sender@example.com \
  --to alice@example.org,bob@example.org,carol@example.org \
  || e2e_fail "swaks to alice, bob, carol failed (status $?)"
e2e_expect_reply "$T/three" "RCPT TO:<alice@example.org>" '^<- +250 ' "alice at RCPT"
e2e_expect_reply "$T/three" "RCPT TO:<bob@example.org>" '^<\*\* +452 4\.5\.3 ' "bob at RCPT"
e2e_expect_reply "$T/three" "RCPT TO:<carol@example.org>" '^<- +250 ' "carol at RCPT"
e2e_expect_reply "$T/three" "." '^<- +250 ' "the message for alice and carol"
e2e_sink_wait 1
e2e_expect_recipients "alice@example.org carol@example.org" "delayed through Sendmail"
runs=$(wc -l < "$T/home/alice/runs")
[ "$runs" -eq 1 ] || e2e_fail "alice's and carol's program ran $runs times, expected once for both"

e2e_swaks "$T/bob" --from sender@example.com --to bob@example.org || true
e2e_expect_reply "$T/bob" "." '^<\*\* +550 5\.7\.1 bob does not want this' "bob alone"
e2e_expect "$T/milter-decisions.log" \
  'rcpt=bob@example.org module=exec stage=eom verdict=reject reply="550 5.7.1 bob does not want this"' \
  "the decision log line for bob"
for rcpt in alice carol; do
  e2e_expect "$T/milter-decisions.log" "rcpt=$rcpt@example.org module=exec stage=eom verdict=accept" \
    "the decision log line for $rcpt"
done
# Sendmail gives the milter its queue id ({i}): the log lines carry it.
e2e_expect "$T/milter-decisions.log" '^[^ ]* [^ ]* [^ ]*: [0-9A-Za-z]{8,}: .*rcpt=bob@example.org' \
  "Sendmail's queue id in the log line"
e2e_milter_stop
echo "PASS"
