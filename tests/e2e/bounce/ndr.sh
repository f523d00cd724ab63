#!/bin/sh
# ndr.sh - bounce mode `ndr` end to end.  Checks the invariant (each
# recipient delivered exactly once, or the sender got its own text) for:
#  1. a mix: alice accepts, bob and erin reject, dave delivers to Junk and
#     rejects -> 250; copies for alice and dave+Junk; one DSN (RFC 3464,
#     validated with GMime) to the sender with bob's, dave's and erin's own
#     texts, RET/ENVID/ORCPT respected; the original's headers attached;
#  2. all reject with different texts -> one multi-line 550 with each text;
#  3. one tempfails -> the whole message tempfails, nobody gets a copy;
#  4. the null sender -> alice gets her copy, no DSN;
#  5. NOTIFY=NEVER for bob, NOTIFY=SUCCESS for erin -> no DSN about them.
set -eu
. "$(dirname "$0")/common.sh"
bounce_setup ndr

bounce_send "$T/mixed" sender@example.org \
  alice@example.org,bob@example.org,dave@example.org,erin@example.org \
  --mail-param RET=HDRS --mail-param ENVID=mixed+2B1 \
  --rcpt-param "bob@example.org=ORCPT=rfc822;Bob+40example.org" --message-id '<mixed@example.com>'
for r in alice bob dave erin; do
  e2e_expect "$T/mixed" "^rcpt $r@example.org 250 " "$r accepted at RCPT"
done
e2e_expect "$T/mixed" '^data 250 ' "the mixed message is accepted"
bounce_wait_copies 3
e2e_expect_recipients "alice@example.org dave+junk@example.org sender@example.org" \
  "alice, dave's Junk and the DSN for the sender"
bounce_dsns "$T/dsn1"
e2e_expect "$T/dsn1" '^dsn [^ ]* mixed\+1 <mixed@example\.com>$' \
  "ENVID (xtext-decoded) and the original's Message-ID"
e2e_expect "$T/dsn1" "rfc822; bob@example.org \| failed \| 5\.7\.1 \| smtp; 550 5\.7\.1 bob does not want this$" "bob's text"
e2e_expect "$T/dsn1" "rfc822; dave@example.org \| failed \| 5\.7\.1 \| smtp; 550 5\.7\.1 dave files this as spam$" "dave's text"
e2e_expect "$T/dsn1" "rfc822; erin@example.org \| failed \| 5\.7\.2 \| smtp; 550 5\.7\.2 erin is away for good$" "erin's text"
e2e_expect_not "$T/dsn1" "alice" "no DSN line about alice"
dsn=$(bounce_dsn_files)
e2e_expect "$dsn" '^Original-Recipient: rfc822;Bob@example.org' "bob's ORCPT"
e2e_expect_not "$dsn" 'Content-Type: message/rfc822' "RET=HDRS: headers only"

bounce_send "$T/allrej" sender@example.org bob@example.org,erin@example.org
e2e_expect "$T/allrej" "^data 550 5\.7\.1 bob@example.org: bob does not want this / 5\.7\.1 erin@example.org: 550 5\.7\.2 erin is away for good" \
  "all reject: one multi-line reply with both texts"

bounce_send "$T/temp" sender@example.org alice@example.org,carol@example.org,bob@example.org
e2e_expect "$T/temp" "^data 4[0-9][0-9] 4\.2\.1 carol's mailbox is busy" "one tempfails: all tempfail"

bounce_send "$T/null" "" alice@example.org,bob@example.org
e2e_expect "$T/null" '^data 250 ' "null sender accepted"
bounce_send "$T/never" sender@example.org alice@example.org,bob@example.org,erin@example.org \
  --rcpt-param "bob@example.org=NOTIFY=NEVER" --rcpt-param "erin@example.org=NOTIFY=SUCCESS"
e2e_expect "$T/never" '^data 250 ' "NOTIFY=NEVER accepted"
bounce_wait_copies 5
e2e_expect_recipients "alice@example.org alice@example.org alice@example.org dave+junk@example.org sender@example.org" \
  "alice got the null sender's and the NOTIFY message; no further DSN"
bounce_expect_dsn_count 1
e2e_milter_stop
echo "PASS"
