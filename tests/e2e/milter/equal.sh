#!/bin/sh
# equal.sh - sender == recipient is refused at RCPT (domain compared without
# case), other recipients of the same transaction are not affected.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
e2e_postfix_start
e2e_exec_config delayed > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"

e2e_swaks "$T/self" --from alice@example.org --to alice@EXAMPLE.org,bob@example.org \
  || e2e_fail "swaks failed (status $?)"
e2e_expect_reply "$T/self" "RCPT TO:<alice@EXAMPLE.org>" '^<\*\* +550 5\.7\.1 ' \
  "sender == recipient at RCPT"
e2e_expect_reply "$T/self" "RCPT TO:<bob@example.org>" '^<- +250 ' "another recipient"
e2e_expect_reply "$T/self" "." '^<- +250 ' "the message for bob"
e2e_sink_wait 1
e2e_expect_recipients "bob@example.org" "only bob got a copy"
e2e_expect "$T/milter-decisions.log" 'rcpt=alice@EXAMPLE.org module=equal stage=rcpt verdict=reject' \
  "the decision log line for alice"
e2e_milter_stop
echo "PASS"
