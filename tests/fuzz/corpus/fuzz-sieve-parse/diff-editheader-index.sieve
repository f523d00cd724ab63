# RFC 5293 deleteheader :index/:last; "Received" MUST NOT be deleted
# (section 5, the attempt is silently ignored).
require ["fileinto", "editheader", "index", "relational", "comparator-i;ascii-numeric"];
deleteheader :index 1 "received";
if header :index 1 :contains "received" "lists.example.org" { fileinto "first-received-kept"; }
deleteheader :index 1 :last "received";
if header :count "ge" :comparator "i;ascii-numeric" "received" "2" { fileinto "received-kept"; }
addheader "X-Two" "a";
addheader "X-Two" "b";
deleteheader :index 1 "X-Two";
if header :is "x-two" "a" { fileinto "two-a-left"; }
addheader :last "X-Three" "1";
addheader :last "X-Three" "2";
deleteheader :index 1 :last "x-three";
if header :is "x-three" "1" { fileinto "three-1-left"; }
deleteheader :contains "x-spam-score" "7";
if not exists "x-spam-score" { fileinto "score-deleted"; }
