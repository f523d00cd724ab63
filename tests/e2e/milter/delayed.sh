#!/bin/sh
# delayed.sh - bounce mode `delayed` through a real Postfix: alice and carol
# share one per-user program (carol's is a symlink to alice's) that accepts,
# bob's program rejects.  In one transaction bob gets 452 4.5.3 at RCPT and
# only alice and carol get a copy; sent alone, bob gets his own 550 text.
# A recipient without a program (dave) is accepted.  One log line per
# recipient decision; alice's and carol's program runs once for both;
# SIGTERM ends the daemon cleanly.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
e2e_postfix_start

e2e_program alice <<EOP
#!/bin/sh
cat > /dev/null
echo run >> $T/home/alice/runs
printf '%s\n' "\$RECIPIENTS" >> $T/home/alice/recipients
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

# Three recipients: bob is of another class than alice (the first).
e2e_swaks "$T/three" --from sender@example.com \
  --to alice@example.org,bob@example.org,carol@example.org \
  || e2e_fail "swaks to alice, bob, carol failed (status $?)"
e2e_expect_reply "$T/three" "RCPT TO:<alice@example.org>" '^<- +250 ' "alice at RCPT"
e2e_expect_reply "$T/three" "RCPT TO:<bob@example.org>" '^<\*\* +452 4\.5\.3 ' "bob at RCPT"
e2e_expect_reply "$T/three" "RCPT TO:<carol@example.org>" '^<- +250 ' "carol at RCPT"
e2e_expect_reply "$T/three" "." '^<- +250 ' "the message for alice and carol"
e2e_sink_wait 1
e2e_expect_recipients "alice@example.org carol@example.org" "delayed, three recipients"
runs=$(wc -l < "$T/home/alice/runs")
[ "$runs" -eq 1 ] || e2e_fail "alice's and carol's program ran $runs times, expected once for both"
e2e_expect "$T/home/alice/recipients" '^alice@example.org$' "the shared run's RECIPIENTS"
e2e_expect "$T/home/alice/recipients" '^carol@example.org$' "the shared run's RECIPIENTS"

# bob alone, as the client's retry would be: his own reply after DATA.
e2e_swaks "$T/bob" --from sender@example.com --to bob@example.org || true
e2e_expect_reply "$T/bob" "." '^<\*\* +550 5\.7\.1 bob does not want this' "bob alone"
e2e_expect "$T/milter-decisions.log" \
  'rcpt=bob@example.org module=exec stage=eom verdict=reject reply="550 5.7.1 bob does not want this"' \
  "the decision log line for bob"

# dave has no program: the exec module abstains, dave is accepted.
e2e_swaks "$T/dave" --from sender@example.com --to dave@example.org \
  || e2e_fail "swaks to dave failed (status $?)"
e2e_expect_reply "$T/dave" "." '^<- +250 ' "dave without a program"
e2e_sink_wait 2
e2e_expect_recipients "alice@example.org carol@example.org dave@example.org" \
  "after dave's message"

e2e_milter_stop
[ ! -e "$T/run/prdr-milter.pid" ] || e2e_fail "the pidfile is still there after SIGTERM"
echo "PASS"
