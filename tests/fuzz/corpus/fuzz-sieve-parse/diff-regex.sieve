# draft-ietf-sieve-regex :regex with match variables.
require ["fileinto", "regex", "variables"];
if header :regex "subject" "^\\[([a-z]+)\\] " { fileinto "tag-${1}"; }
if header :regex "subject" "[0-9]+" { fileinto "has-digits-${0}"; }
if address :regex :domain "from" "^(.*)\\.example\\.(com|org)$" { fileinto "sub-${1}-${2}"; }
if address :regex :all "from" "^[a-z]+@example\\.org$" { fileinto "simple-org"; }
if header :regex "subject" "WON|won" { fileinto "won"; }
if header :regex :comparator "i;octet" "subject" "^re:" { fileinto "octet-lower-re"; }
if header :regex "subject" "^RE:" { fileinto "casemap-re"; }
if header :regex "list-id" "<([^.]+)\\." { fileinto "list-${1}"; }
