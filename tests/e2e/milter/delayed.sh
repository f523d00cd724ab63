#!/bin/sh
# delayed.sh - bounce mode `delayed` through a real Postfix: the scenario of
# delayed-scenario.sh (alice and carol share a program that runs once and
# accepts; bob is deferred with 452 4.5.3 at RCPT, and alone gets his own
# 550).  A recipient without a program (dave) is accepted.  SIGTERM ends
# the daemon cleanly and removes the pidfile.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/delayed-scenario.sh"
e2e_init
e2e_postfix_start
delayed_scenario_programs
e2e_exec_config delayed > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"
delayed_scenario_run Postfix

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
