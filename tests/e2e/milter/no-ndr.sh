#!/bin/sh
# no-ndr.sh - bounce mode `no-ndr`: every recipient is accepted at RCPT;
# after DATA the rejecting ones are dropped (smfi_delrcpt) and the others
# get the message; when all reject, the message is rejected with the reply;
# when one tempfails, the whole message is tempfailed (nobody gets a copy).
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
e2e_postfix_start
e2e_program alice <<'EOP'
#!/bin/sh
cat > /dev/null
EOP
e2e_program_link carol alice
e2e_program bob <<'EOP'
#!/bin/sh
echo "5.7.1 bob does not want this"
exit 1
EOP
e2e_program eve <<'EOP'
#!/bin/sh
echo "4.2.1 eve's mailbox is busy"
exit 75
EOP
e2e_exec_config no-ndr > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"

e2e_swaks "$T/mixed" --from sender@example.com \
  --to alice@example.org,bob@example.org,carol@example.org \
  || e2e_fail "swaks failed (status $?)"
for rcpt in alice bob carol; do
  e2e_expect_reply "$T/mixed" "RCPT TO:<$rcpt@example.org>" '^<- +250 ' "$rcpt at RCPT"
done
e2e_expect_reply "$T/mixed" "." '^<- +250 ' "the mixed message"
e2e_sink_wait 1
e2e_expect_recipients "alice@example.org carol@example.org" "bob dropped"

e2e_swaks "$T/bob" --from sender@example.com --to bob@example.org || true
e2e_expect_reply "$T/bob" "." '^<\*\* +550 5\.7\.1 bob does not want this' "all reject"

e2e_swaks "$T/eve" --from sender@example.com --to alice@example.org,eve@example.org || true
e2e_expect_reply "$T/eve" "." "^<\*\* +4[0-9][0-9] 4\.2\.1 eve's mailbox is busy" \
  "one tempfails: all tempfail"
e2e_expect_recipients "alice@example.org carol@example.org" "nobody got a copy of eve's message"
e2e_milter_stop
echo "PASS"
