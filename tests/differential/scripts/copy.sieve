# RFC 3894 :copy keeps the implicit keep.
require ["fileinto", "copy"];
fileinto :copy "Archive";
if header :contains "subject" "report" { redirect :copy "boss@example.net"; }
if header :contains "subject" "deals" { fileinto "Deals"; }
