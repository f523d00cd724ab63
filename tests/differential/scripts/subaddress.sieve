# RFC 5233 :user and :detail with the "+" separator.
require ["fileinto", "envelope", "subaddress", "variables"];
if envelope :is :user "to" "rcpt" { fileinto "user-rcpt"; }
if envelope :matches :detail "to" "*" { fileinto "detail-${1}"; }
if envelope :is :detail "to" "" { fileinto "detail-empty"; }
if not envelope :matches :detail "to" "*" { fileinto "no-detail"; }
if address :is :detail "to" "lists" { fileinto "hdr-detail-lists"; }
if address :matches :user "reply-to" "second" { fileinto "hdr-user-second"; }
if address :matches :detail "to" "*" { fileinto "hdr-detail-${1}"; }
