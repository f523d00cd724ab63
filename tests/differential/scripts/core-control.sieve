# RFC 5228 3.1 if/elsif/else, 5.2 allof, 5.3 anyof, 5.8 not, 5.6 false/true.
require "fileinto";
if false { fileinto "never"; }
elsif header :contains "subject" "report" { fileinto "report"; }
elsif header :contains "subject" "deals" { fileinto "deals"; }
else { fileinto "other"; }
if allof (exists "from", not exists "x-spam-flag") { fileinto "clean-with-from"; }
if anyof (false, header :contains "from" "example.com", address :domain "to" "example.net") { fileinto "anyof"; }
if not anyof (false, false) { fileinto "not-anyof"; }
if allof (true, anyof (false, not false)) { fileinto "nested"; }
