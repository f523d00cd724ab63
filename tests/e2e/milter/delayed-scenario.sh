# delayed-scenario.sh - the bounce-mode `delayed` scenario that delayed.sh
# (through Postfix) and sendmail.sh (through Sendmail) both run, sourced
# after lib.sh once the MTA is started:
#   alice and carol share one per-user program (carol's is a symlink to
#   alice's) that accepts, bob's program rejects.  In one transaction bob
#   gets 452 4.5.3 at RCPT and only alice and carol get a copy, from one run
#   of their program; sent alone, bob gets his own 550 text after DATA and
#   one decision log line says so.

# delayed_scenario_programs - the three per-user programs.
delayed_scenario_programs () {
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
}

# delayed_scenario_run MTA - the scenario's transactions and checks; MTA
# names the path in failure messages.
delayed_scenario_run () {
  e2e_swaks "$T/three" --from sender@example.com \
    --to alice@example.org,bob@example.org,carol@example.org \
    || e2e_fail "$1: swaks to alice, bob, carol failed (status $?)"
  e2e_expect_reply "$T/three" "RCPT TO:<alice@example.org>" '^<- +250 ' "$1: alice at RCPT"
  e2e_expect_reply "$T/three" "RCPT TO:<bob@example.org>" '^<\*\* +452 4\.5\.3 ' "$1: bob at RCPT"
  e2e_expect_reply "$T/three" "RCPT TO:<carol@example.org>" '^<- +250 ' "$1: carol at RCPT"
  e2e_expect_reply "$T/three" "." '^<- +250 ' "$1: the message for alice and carol"
  e2e_sink_wait 1
  e2e_expect_recipients "alice@example.org carol@example.org" "$1: delayed, three recipients"
  runs=$(wc -l < "$T/home/alice/runs")
  [ "$runs" -eq 1 ] || e2e_fail "$1: alice's and carol's program ran $runs times, expected once"
  e2e_expect "$T/home/alice/recipients" '^alice@example.org$' "$1: the shared run's RECIPIENTS"
  e2e_expect "$T/home/alice/recipients" '^carol@example.org$' "$1: the shared run's RECIPIENTS"

  # bob alone, as the client's retry would be: his own reply after DATA.
  e2e_swaks "$T/bob" --from sender@example.com --to bob@example.org || true
  e2e_expect_reply "$T/bob" "." '^<\*\* +550 5\.7\.1 bob does not want this' "$1: bob alone"
  e2e_expect "$T/milter-decisions.log" \
    'rcpt=bob@example.org module=exec stage=eom verdict=reject reply="550 5.7.1 bob does not want this"' \
    "$1: the decision log line for bob"
}
