# RFC 5228 5.1 address test and 2.7.4 address parts.
require "fileinto";
if address :is :all "from" "alice@example.org" { fileinto "from-all"; }
if address :is :localpart "from" "ALICE" { fileinto "from-local"; }
if address :is :domain "from" "example.org" { fileinto "from-domain"; }
if address :contains :domain ["to", "cc"] "sub.example" { fileinto "cc-sub"; }
if address :matches :all "cc" "*@example.com" { fileinto "cc-com"; }
if address :is :all "reply-to" "reply@example.org" { fileinto "reply-comment"; }
if address :is :all "reply-to" "second@example.org" { fileinto "reply-second"; }
if address :is :localpart "cc" "eve" { fileinto "group-member"; }
if address :is :domain "cc" "example.com" { fileinto "domain-casemap"; }
if address :is :all "from" "john.doe@example.org" { fileinto "quoted-local"; }
if address :is :all "resent-from" "quoted local@example.org" { fileinto "resent-quoted"; }
if address :is :all "to" "" { fileinto "empty-group"; }
if address :matches :all "sender" "owner-*@lists.example.org" { fileinto "sender-owner"; }
