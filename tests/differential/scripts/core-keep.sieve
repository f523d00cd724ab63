# RFC 5228 4.3 keep, explicit, with and without other actions.
require "fileinto";
keep;
if header :contains "subject" "e" { fileinto "also"; }
keep;
