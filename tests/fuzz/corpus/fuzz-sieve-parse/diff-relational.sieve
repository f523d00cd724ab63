# RFC 5231 :count and :value with comparators.
require ["fileinto", "relational", "envelope", "comparator-i;ascii-numeric"];
if header :count "ge" :comparator "i;ascii-numeric" "received" "2" { fileinto "received-ge-2"; }
if header :count "eq" :comparator "i;ascii-numeric" "received" "3" { fileinto "received-eq-3"; }
if address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "3" { fileinto "rcpts-ge-3"; }
if address :count "eq" :comparator "i;ascii-numeric" "cc" "3" { fileinto "cc-eq-3"; }
if header :value "lt" "subject" "N" { fileinto "subject-lt-N"; }
if header :value "ge" :comparator "i;octet" "subject" "a" { fileinto "octet-ge-a"; }
if header :count "eq" :comparator "i;ascii-numeric" "x-nothing" "0" { fileinto "count-absent-0"; }
if header :value "ne" "to" ["a", "b"] { fileinto "ne-list"; }
if envelope :count "eq" :comparator "i;ascii-numeric" "to" "1" { fileinto "env-count-1"; }
