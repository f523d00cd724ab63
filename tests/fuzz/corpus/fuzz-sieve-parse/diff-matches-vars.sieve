# RFC 5229 3.2 match variables from :matches.
require ["fileinto", "variables"];
if header :matches "subject" "*" { fileinto "all-${0}"; }
if header :matches "from" "*@*" { fileinto "from-${1}-at-${2}"; }
if header :matches "subject" "*?*" { fileinto "first-${1}-second-${2}"; }
if header :matches "subject" "[*] *" { fileinto "tag-${1}"; }
if header :matches "date" "*, * * * *" { fileinto "date-${2}-${3}-${4}"; }
if header :matches "subject" "*" { set "s" "${1}"; }
if header :matches "x-nothing" "*" { fileinto "not-reached"; }
fileinto "still-${s}-${9}";
