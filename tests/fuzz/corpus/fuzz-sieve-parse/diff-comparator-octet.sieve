# RFC 4790 i;octet is case-sensitive; i;ascii-casemap folds ASCII only.
require ["fileinto", "comparator-i;octet"];
if header :is :comparator "i;octet" "subject" "Meeting notes for Friday" { fileinto "octet-exact"; }
if header :is :comparator "i;octet" "subject" "meeting notes for friday" { fileinto "octet-lower"; }
if header :contains :comparator "i;octet" "from" "Alice" { fileinto "octet-contains"; }
if header :matches :comparator "i;octet" "subject" "*[dev]*" { fileinto "octet-matches"; }
if header :contains :comparator "i;ascii-casemap" "subject" "CAFÉ" { fileinto "casemap-nonascii-upper"; }
if header :contains :comparator "i;ascii-casemap" "subject" "café" { fileinto "casemap-nonascii"; }
