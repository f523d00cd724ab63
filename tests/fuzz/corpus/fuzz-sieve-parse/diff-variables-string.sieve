# RFC 5229 5 string test; variables in keys; namespaces of names.
require ["fileinto", "variables", "relational", "comparator-i;ascii-numeric"];
set "dom" "example.org";
if address :domain "from" "${dom}" { fileinto "from-${dom}"; }
if string :is "${dom}" "EXAMPLE.ORG" { fileinto "casemap"; }
if string :count "eq" :comparator "i;ascii-numeric" ["a", "b", "c"] "3" { fileinto "count-3"; }
if string :count "eq" :comparator "i;ascii-numeric" ["a", "", "c"] "2" { fileinto "count-skip-empty"; }
if string :is "" "" { fileinto "empty-is-empty"; }
if header :matches "subject" "*" { set "subj" "${1}"; }
if string :contains "${subj}" "report" { fileinto "subj-report"; }
set "x" "${hex:41 42}${unicode:263a}";
if string :is "${x}" "AB☺" { fileinto "encoded-char"; }
set "n" "1";
if string :value "gt" :comparator "i;ascii-numeric" "${n}0" "9" { fileinto "concat-num"; }
set "dollar" "$${dom}";
fileinto "${dollar}";
