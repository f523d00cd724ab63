#!/bin/sh
# no-ndr.sh - bounce mode `no-ndr` with five recipients: all accepted at
# RCPT; after DATA alice and frank get their copies, dave his Junk copy,
# bob and erin are dropped without a notification (the admin's choice);
# when all reject, one multi-line rejection carries each text; one tempfail
# tempfails all.  No DSN is ever sent.
set -eu
. "$(dirname "$0")/common.sh"
bounce_setup no-ndr
bounce_send "$T/t1" sender@example.org \
  alice@example.org,frank@example.org,bob@example.org,dave@example.org,erin@example.org
for r in alice frank bob dave erin; do
  e2e_expect "$T/t1" "^rcpt $r@example.org 250 " "$r accepted at RCPT"
done
e2e_expect "$T/t1" '^data 250 ' "accepted"
bounce_wait_copies 3
e2e_expect_recipients "alice@example.org dave+junk@example.org frank@example.org" \
  "alice, frank, dave's Junk; bob and erin dropped"

bounce_send "$T/t2" sender@example.org bob@example.org,erin@example.org
e2e_expect "$T/t2" "^data 550 5\.7\.1 bob@example.org: bob does not want this / 5\.7\.1 erin@example.org: 550 5\.7\.2 erin is away for good" \
  "all reject: each text"
bounce_send "$T/t3" sender@example.org alice@example.org,carol@example.org,frank@example.org
e2e_expect "$T/t3" "^data 4[0-9][0-9] 4\.2\.1 carol's mailbox is busy" "one tempfails: all tempfail"
bounce_wait_copies 3
bounce_expect_dsn_count 0
e2e_milter_stop
echo "PASS"
