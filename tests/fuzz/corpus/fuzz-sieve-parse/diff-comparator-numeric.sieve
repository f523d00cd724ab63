# RFC 4790 9.1 i;ascii-numeric: leading digits, non-digits are +infinity;
# RFC 5231 relational :value with it.
require ["fileinto", "relational", "comparator-i;ascii-numeric"];
if header :value "eq" :comparator "i;ascii-numeric" "x-priority" "3" { fileinto "prio-eq-3"; }
if header :value "lt" :comparator "i;ascii-numeric" "x-priority" "10" { fileinto "prio-lt-10"; }
if header :value "gt" :comparator "i;ascii-numeric" "x-spam-score" "5" { fileinto "score-gt-5"; }
if header :value "eq" :comparator "i;ascii-numeric" "x-spam-score" "7" { fileinto "score-eq-7"; }
if header :value "gt" :comparator "i;ascii-numeric" "subject" "99999" { fileinto "subject-infinite"; }
if header :value "eq" :comparator "i;ascii-numeric" "subject" "x" { fileinto "inf-eq-inf"; }
if header :is :comparator "i;ascii-numeric" "x-virus-scan" "003" { fileinto "leading-zeros"; }
if header :value "ge" :comparator "i;ascii-numeric" "x-virus-scan" "1" { fileinto "virus-ge-1"; }
