# RFC 5322 2.2.3: unfolding removes the CRLF only, the folding whitespace
# (here a tab, then spaces) stays; RFC 5228 5.7 trims leading and trailing
# whitespace of the value.
require ["fileinto", "variables"];
if header :is "x-folded" "first part	second part     third part" { fileinto "unfolded-rfc5322"; }
if header :is "x-folded" "first part second part     third part" { fileinto "unfolded-tab-as-space"; }
if header :matches "x-folded" "first part*second part*third part" { fileinto "unfolded-matches"; }
if header :is "x-trailing" "value with trailing spaces" { fileinto "trailing-trimmed"; }
if header :is "x-trailing" "value with trailing spaces   " { fileinto "trailing-kept"; }
if header :is "keywords" "one, two, three" { fileinto "keywords"; }
if header :is "x-empty" "" { fileinto "empty-value"; }
