#!/bin/sh
# derive-rfc-expected.sh - write rfc-expected/SCRIPT.out, what the RFCs
# require where sieve-test departs from them (known-differences.txt), from
# the oracle's output in golden/: each block below edits the oracle's
# sections by one RFC rule.  Run by run-differential.sh --update-golden.
set -eu
cd "$(dirname "$0")"
mkdir -p rfc-expected

# sections FILE MESSAGE...: the "### MSG RCPT" sections of FILE for MESSAGEs.
sections() {
  f=$1; shift
  awk -v list=" $* " '/^### / { p = index(list, " " $2 " ") > 0 } p' "golden/$f"
}

# RFC 5322 2.2.3: unfolding removes the CRLF only; the folding tab stays.
{ echo "# RFC 5322 2.2.3 unfolding keeps the folding tab"
  sections header-whitespace.out encoded.eml |
    sed 's/^fileinto "unfolded-tab-as-space"$/fileinto "unfolded-rfc5322"/'
} >rfc-expected/header-whitespace.out

# RFC 5228 2.7.1: under i;ascii-casemap "?" matches exactly one octet.
{ echo "# RFC 5228 2.7.1: \"?\" is one octet under i;ascii-casemap"
  sections matches-edge.out 8bit.eml | grep -vx 'fileinto "utf8-one-char"'
} >rfc-expected/matches-edge.out

# RFC 5228 2.7.3: the default comparator, also of "string", is i;ascii-casemap.
{ echo "# RFC 5228 2.7.3: string compares by i;ascii-casemap by default"
  awk '/^### / { print; print "fileinto \"casemap\""; next } { print }' golden/variables-string.out
} >rfc-expected/variables-string.out

# RFC 5703 4.1: an absent MIME parameter has no value to match.
{ echo "# RFC 5703 4.1: an absent :param does not match"
  grep -vx 'fileinto "boundary-"' golden/mime.out
} >rfc-expected/mime.out

# RFC 5703 7: extracttext :first counts characters, not octets.
{ echo "# RFC 5703 7: :first 12 is 12 characters"
  sections extracttext.out 8bit.eml encoded.eml |
    sed 's/^fileinto "plain-Le café est"$/fileinto "plain-Le café est "/
         s/^fileinto "plain-Grüße aus "$/fileinto "plain-Grüße aus Kö"/'
} >rfc-expected/extracttext.out

# RFC 5260 6: :last counts from the last field; with RFC 5322 2.2.3 the
# folded Received fields of plain.eml keep their tab before "by".
{ echo "# RFC 5260 6 :last, RFC 5322 2.2.3 unfolding"
  sections date-index.out list.eml plain.eml |
    sed 's/^fileinto "rcvdlast-15:00:02"$/fileinto "rcvdlast-14:59:50"/
         s/^fileinto "rcvdlast-10:00:03"$/fileinto "rcvdlast-09:59:58"/
         s/^fileinto "first-mx2.example.org (mx2.example.org \[192.0.2.2\]) by mx/fileinto "first-mx2.example.org (mx2.example.org [192.0.2.2])\\tby mx/' |
    grep -v -e '^fileinto "second-client' -e '^fileinto "last-client'
} >rfc-expected/date-index.out
echo "rfc-expected/ rewritten: $(ls rfc-expected | wc -l) files"
