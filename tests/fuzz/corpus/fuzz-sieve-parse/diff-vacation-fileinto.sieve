# RFC 5230 4.7: vacation does not cancel the implicit keep and combines
# with fileinto and discard.
require ["vacation", "fileinto"];
vacation :days 1 "short";
if header :contains "subject" "report" { fileinto "Reports"; }
if header :contains "subject" "WON" { discard; }
