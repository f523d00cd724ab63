# RFC 5228 4: several actions at once; discard after fileinto; keep after
# discard.
require ["fileinto", "copy"];
fileinto "One";
redirect "one@example.net";
redirect :copy "two@example.net";
discard;
if header :contains "subject" "report" { keep; }
