#!/bin/sh
# equal-auth.sh - sender == recipient is accepted when the session is
# authenticated.  Postfix sends {auth_authen} only after SASL; instead of a
# SASL server this test has Postfix send the macro through
# milter_macro_defaults, which is what the milter sees after a real login.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
e2e_postfix_start "milter_macro_defaults = {auth_authen}=alice"
e2e_exec_config delayed > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"

e2e_swaks "$T/self" --from alice@example.org --to alice@example.org \
  || e2e_fail "swaks failed (status $?)"
e2e_expect_reply "$T/self" "RCPT TO:<alice@example.org>" '^<- +250 ' \
  "sender == recipient, authenticated"
e2e_expect_reply "$T/self" "." '^<- +250 ' "the message"
e2e_sink_wait 1
e2e_expect_recipients "alice@example.org" "alice got her copy"
e2e_milter_stop
echo "PASS"
