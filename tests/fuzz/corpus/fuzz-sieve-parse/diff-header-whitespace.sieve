# RFC 5228 2.4.2.1 / RFC 5322 2.2.3: unfolding; trailing whitespace.
require ["fileinto", "variables"];
if header :is "x-folded" "first part	second part   third part" { fileinto "unfolded-keep-ws"; }
if header :matches "x-folded" "first part*second part*third part" { fileinto "unfolded-matches"; }
if header :is "x-trailing" "value with trailing spaces" { fileinto "trailing-trimmed"; }
if header :is "x-trailing" "value with trailing spaces   " { fileinto "trailing-kept"; }
if header :is "keywords" "one, two, three" { fileinto "keywords"; }
if header :is "x-empty" "" { fileinto "empty-value"; }
