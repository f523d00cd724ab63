# RFC 5235 spamtestplus :percent.
require ["fileinto", "spamtestplus", "relational", "comparator-i;ascii-numeric", "variables"];
if spamtest :percent :value "ge" :comparator "i;ascii-numeric" "50" { fileinto "pct-ge-50"; }
if spamtest :percent :matches "*" { fileinto "pct-${1}"; }
if spamtest :percent :value "eq" :comparator "i;ascii-numeric" "0" { fileinto "pct-0"; }
