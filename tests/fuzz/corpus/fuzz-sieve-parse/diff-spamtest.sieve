# RFC 5235 spamtest values 0 (untested) and 1..10.
require ["fileinto", "spamtest", "relational", "comparator-i;ascii-numeric", "variables"];
if spamtest :value "eq" :comparator "i;ascii-numeric" "0" { fileinto "untested"; }
if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { fileinto "spam"; }
if spamtest :value "lt" :comparator "i;ascii-numeric" "3" { fileinto "ham"; }
if spamtest :matches "*" { fileinto "value-${1}"; }
