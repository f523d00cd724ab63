# RFC 5228 5.4 envelope "from"/"to" with address parts.
require ["fileinto", "envelope"];
if envelope :is :all "from" "sender@example.org" { fileinto "env-from"; }
if envelope :is :domain "from" "EXAMPLE.ORG" { fileinto "env-from-domain"; }
if envelope :is :localpart "to" "rcpt" { fileinto "env-to-local"; }
if envelope :is :all "to" "rcpt@example.net" { fileinto "env-to-exact"; }
if envelope :matches :all "to" "rcpt*@*.net" { fileinto "env-to-matches"; }
if envelope :contains "to" "+" { fileinto "env-to-plus"; }
if envelope :is :all ["from", "to"] "nobody@example.com" { fileinto "never"; }
