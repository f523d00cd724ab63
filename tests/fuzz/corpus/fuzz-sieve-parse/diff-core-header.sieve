# RFC 5228 5.7 header test: :is/:contains/:matches, key lists, header lists,
# default comparator i;ascii-casemap.
require "fileinto";
if header :is "subject" "meeting notes for friday" { fileinto "is-casemap"; }
if header :contains "Subject" "NOTES" { fileinto "contains"; }
if header :contains ["To", "Cc"] ["bob@", "nobody"] { fileinto "list-keys"; }
if header :matches "subject" "*friday" { fileinto "matches-suffix"; }
if header :is "X-Priority" "3" { fileinto "priority"; }
if header :contains "subject" "" { fileinto "empty-key"; }
if header :is "X-Does-Not-Exist" "" { fileinto "absent-is-empty"; }
if not header :contains "from" "example" { fileinto "no-example-from"; }
if header :contains "received" "mx2.example.org" { fileinto "received-any"; }
