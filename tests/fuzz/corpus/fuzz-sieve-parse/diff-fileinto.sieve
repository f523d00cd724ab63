# RFC 5228 4.1 fileinto; the same folder twice is one delivery.
require "fileinto";
fileinto "Work";
if header :contains "subject" "report" { fileinto "Reports/2026"; }
fileinto "Work";
fileinto "INBOX.Sub";
