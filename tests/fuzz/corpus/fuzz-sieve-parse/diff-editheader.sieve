# RFC 5293 addheader/deleteheader; later tests see the changes (section 4).
require ["fileinto", "editheader", "variables", "relational", "comparator-i;ascii-numeric"];
addheader "X-Sieve-Seen" "yes";
if header :is "x-sieve-seen" "yes" { fileinto "sees-added"; }
deleteheader "X-Priority";
if not exists "x-priority" { fileinto "priority-gone"; }
deleteheader :matches "received" "*mx2*";
if header :count "eq" :comparator "i;ascii-numeric" "received" "1" { fileinto "one-received-left"; }
addheader :last "X-Last" "at end";
if header :matches "subject" "*" { addheader "X-Old-Subject" "${1}"; }
deleteheader "subject";
addheader "Subject" "[tagged] ${1}";
if header :matches "subject" "[tagged]*" { fileinto "retagged"; }
