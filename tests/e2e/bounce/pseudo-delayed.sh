#!/bin/sh
# pseudo-delayed.sh - bounce mode `pseudo-delayed` (the default) end to end,
# with the client's retries done by hand (Postfix's client would retry the
# 452'd recipients minutes later):
#  1. alice, frank, bob, dave, erin: alice 250, the others 452 (other
#     classes); after DATA frank (accept) and dave's Junk get their copies
#     at once, bob's, dave's and erin's rejections are stored;
#  2. the retries with the same Message-ID: frank -> 250 but no second
#     copy; bob, dave, erin -> each rejected with the stored own text;
#  3. a transaction that is rejected delivers nothing to its 452'd
#     recipients (frank's retry then gets its one copy);
#  4. a 452'd recipient that tempfails is decided again on its retry;
#  5. without Message-ID: as delayed (frank is not delivered at once);
#  6. the null sender: no DSN, the stored rejection is still given;
#  7. the mixed retry: bob's rejection is stored, then his rule changes to
#     accept and his retry comes with grace (same program, same class):
#     grace is delivered, bob's stored rejection goes out in a DSN.
# Every recipient is delivered exactly once or told its own text.
set -eu
. "$(dirname "$0")/common.sh"
bounce_setup pseudo-delayed
e2e_expect "$T/milter-decisions.log" 'bounce-mode=pseudo-delayed' "the mode in use"

id='<pd1@example.com>'
bounce_send "$T/first" sender@example.org \
  alice@example.org,frank@example.org,bob@example.org,dave@example.org,erin@example.org \
  --message-id "$id"
e2e_expect "$T/first" '^rcpt alice@example.org 250 ' "alice accepted at RCPT"
for r in frank bob dave erin; do
  e2e_expect "$T/first" "^rcpt $r@example.org 452 4\.5\.3 " "$r deferred at RCPT"
done
e2e_expect "$T/first" '^data 250 ' "the message is accepted"
bounce_wait_copies 3
e2e_expect_recipients "alice@example.org dave+junk@example.org frank@example.org" \
  "alice, frank (added at once) and dave's Junk"

# The client retries what got 452, one transaction at a time as it would.
bounce_send "$T/retry1" sender@example.org frank@example.org,bob@example.org,dave@example.org,erin@example.org \
  --message-id "$id"
e2e_expect "$T/retry1" '^rcpt frank@example.org 250 ' "frank first in the retry"
e2e_expect "$T/retry1" '^data 250 ' "frank, already delivered: accepted"
bounce_send "$T/retry2" sender@example.org bob@example.org,dave@example.org,erin@example.org \
  --message-id "$id"
e2e_expect "$T/retry2" '^data 550 5\.7\.1 bob does not want this$' "bob's stored rejection"
bounce_send "$T/retry3" sender@example.org dave@example.org,erin@example.org --message-id "$id"
e2e_expect "$T/retry3" '^data 550 5\.7\.1 dave files this as spam$' "dave's stored rejection"
bounce_send "$T/retry4" sender@example.org erin@example.org --message-id "$id"
e2e_expect "$T/retry4" '^data 550 5\.7\.2 erin is away for good$' "erin's stored rejection"
bounce_wait_copies 3
e2e_expect_recipients "alice@example.org dave+junk@example.org frank@example.org" \
  "no second copy for frank, none for bob, dave, erin"

bounce_send "$T/rej" sender@example.org bob@example.org,frank@example.org --message-id '<pd2@example.com>'
e2e_expect "$T/rej" '^rcpt frank@example.org 452 ' "frank deferred"
e2e_expect "$T/rej" '^data 550 5\.7\.1 bob does not want this' "bob's class rejects"
bounce_send "$T/rej-retry" sender@example.org frank@example.org --message-id '<pd2@example.com>'
e2e_expect "$T/rej-retry" '^data 250 ' "frank's retry delivers"
bounce_wait_copies 4

bounce_send "$T/temp" sender@example.org alice@example.org,carol@example.org --message-id '<pd3@example.com>'
e2e_expect "$T/temp" '^rcpt carol@example.org 452 ' "carol deferred"
bounce_send "$T/temp-retry" sender@example.org carol@example.org --message-id '<pd3@example.com>'
e2e_expect "$T/temp-retry" "^data 4[0-9][0-9] 4\.2\.1 carol's mailbox is busy" \
  "carol's tempfail was not stored: decided again"
bounce_wait_copies 5

bounce_send "$T/noid" sender@example.org alice@example.org,frank@example.org --no-message-id
e2e_expect "$T/noid" '^rcpt frank@example.org 452 ' "frank deferred"
e2e_expect "$T/noid" '^data 250 ' "alice's copy"
bounce_wait_copies 6
e2e_expect_recipients "alice@example.org alice@example.org alice@example.org dave+junk@example.org frank@example.org frank@example.org" \
  "without Message-ID frank is not delivered at once (delayed)"
e2e_expect "$T/milter-decisions.log" 'no usable Message-ID: answering as delayed' "logged"

bounce_send "$T/null" "" alice@example.org,bob@example.org --message-id '<pd4@example.com>'
e2e_expect "$T/null" '^data 250 ' "null sender: alice's copy"
bounce_send "$T/null-retry" "" bob@example.org --message-id '<pd4@example.com>'
e2e_expect "$T/null-retry" '^data 550 5\.7\.1 bob does not want this' "bob's stored text"
bounce_wait_copies 7
bounce_expect_dsn_count 0

e2e_program_link grace bob
bounce_send "$T/mix1" sender@example.org alice@example.org,bob@example.org --message-id '<pd5@example.com>'
e2e_expect "$T/mix1" '^rcpt bob@example.org 452 ' "bob deferred"
bounce_wait_copies 8
e2e_program bob <<'EOP'
#!/bin/sh
exit 0
EOP
bounce_send "$T/mix2" sender@example.org bob@example.org,grace@example.org --message-id '<pd5@example.com>'
e2e_expect "$T/mix2" '^rcpt grace@example.org 250 ' "grace shares bob's class"
e2e_expect "$T/mix2" '^data 250 ' "the mix is accepted for grace"
bounce_wait_copies 10
bounce_expect_dsn_count 1
bounce_dsns "$T/dsn"
e2e_expect "$T/dsn" '^dsn [^ ]* - <pd5@example\.com>$' "a DSN about the mixed message"
e2e_expect "$T/dsn" "rfc822; bob@example.org \| failed \| 5\.7\.1 \| smtp; 550 5\.7\.1 bob does not want this$" \
  "bob's stored text in the DSN"
e2e_expect_not "$T/dsn" "grace" "grace is not in the DSN"
e2e_expect_recipients "alice@example.org alice@example.org alice@example.org alice@example.org alice@example.org dave+junk@example.org frank@example.org frank@example.org grace@example.org sender@example.org" \
  "grace once, bob never, the DSN to the sender"
e2e_milter_stop
echo "PASS"
