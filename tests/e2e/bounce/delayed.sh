#!/bin/sh
# delayed.sh - bounce mode `delayed` with five recipients of five classes:
# each transaction holds one class (the others get 452 and are retried by
# hand, as Postfix's client would later), so every recipient is answered
# with its own text; dave's deliver-and-reject class gets its own rejection
# in the reply and its copy in Junk (through [general] sendmail).  A 452'd
# recipient is never delivered before its retry.
set -eu
. "$(dirname "$0")/common.sh"
bounce_setup delayed
id='<dl1@example.com>'
rcpts=alice@example.org,frank@example.org,bob@example.org,dave@example.org,erin@example.org
bounce_send "$T/t1" sender@example.org "$rcpts" --message-id "$id"
e2e_expect "$T/t1" '^rcpt alice@example.org 250 ' "alice first"
for r in frank bob dave erin; do
  e2e_expect "$T/t1" "^rcpt $r@example.org 452 4\.5\.3 " "$r deferred"
done
e2e_expect "$T/t1" '^data 250 ' "alice's class accepted"
bounce_wait_copies 1
e2e_expect_recipients "alice@example.org" "only alice so far"

bounce_send "$T/t2" sender@example.org frank@example.org,bob@example.org,dave@example.org,erin@example.org --message-id "$id"
e2e_expect "$T/t2" '^data 250 ' "frank's class accepted"
bounce_send "$T/t3" sender@example.org bob@example.org,dave@example.org,erin@example.org --message-id "$id"
e2e_expect "$T/t3" '^data 550 5\.7\.1 bob does not want this$' "bob's own text"
bounce_send "$T/t4" sender@example.org dave@example.org,erin@example.org --message-id "$id"
e2e_expect "$T/t4" '^data 550 5\.7\.1 dave files this as spam$' "dave's own text"
bounce_send "$T/t5" sender@example.org erin@example.org --message-id "$id"
e2e_expect "$T/t5" '^data 550 5\.7\.2 erin is away for good$' "erin's own text"
bounce_wait_copies 3
e2e_expect_recipients "alice@example.org dave+junk@example.org frank@example.org" \
  "alice and frank once each, dave in Junk; bob and erin told"

bounce_send "$T/c" sender@example.org carol@example.org,alice@example.org --message-id '<dl2@example.com>'
e2e_expect "$T/c" "^data 4[0-9][0-9] 4\.2\.1 carol's mailbox is busy" "carol's own tempfail"
bounce_expect_dsn_count 0
e2e_milter_stop
echo "PASS"
