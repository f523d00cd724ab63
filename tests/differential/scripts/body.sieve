# RFC 5173 body :text, :raw, :content.
require ["fileinto", "body"];
if body :contains "budget" { fileinto "text-budget"; }
if body :text :contains "quarterly report" { fileinto "text-report"; }
if body :raw :contains "JVBERi0" { fileinto "raw-base64"; }
if body :text :contains "JVBERi0" { fileinto "text-no-base64"; }
if body :content "text/html" :contains "<b>" { fileinto "html-bold"; }
if body :content "text" :contains "unsubscribe" { fileinto "text-unsub"; }
if body :content "application/pdf" :contains "secret" { fileinto "pdf-decoded"; }
if body :text :contains "café" { fileinto "decoded-qp"; }
if body :raw :contains "caf=C3=A9" { fileinto "raw-qp"; }
if body :text :contains "secret password" { fileinto "inner-message"; }
if body :content "multipart" :contains "forwarded" { fileinto "multipart-prologue"; }
if body :matches "*" { fileinto "matches-any"; }
if body :text :contains "Grüße" { fileinto "decoded-utf8"; }
