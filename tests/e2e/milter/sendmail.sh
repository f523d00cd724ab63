#!/bin/sh
# sendmail.sh - prdr-milter as the mail filter of a real Sendmail 8.17,
# bounce mode `delayed`: the scenario of delayed-scenario.sh (alice and
# carol share a program that runs once and accepts; bob is deferred with
# 452 4.5.3 at RCPT, and alone gets his own 550).  The milter protocol as
# Sendmail speaks it (its macros, its order of callbacks) must give the same
# answers as through Postfix; the decision lines carry Sendmail's queue id.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/delayed-scenario.sh"
e2e_init
e2e_sendmail_start
delayed_scenario_programs
e2e_exec_config delayed > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"
delayed_scenario_run Sendmail

for rcpt in alice carol; do
  e2e_expect "$T/milter-decisions.log" "rcpt=$rcpt@example.org module=exec stage=eom verdict=accept" \
    "the decision log line for $rcpt"
done
# Sendmail gives the milter its queue id ({i}): the log lines carry it.
e2e_expect "$T/milter-decisions.log" '^[^ ]* [^ ]* [^ ]*: [0-9A-Za-z]{8,}: .*rcpt=bob@example.org' \
  "Sendmail's queue id in the log line"
e2e_milter_stop
echo "PASS"
