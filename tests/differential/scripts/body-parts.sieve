# RFC 5173 5.2/5.3 and RFC 5703 3/7: what each MIME part gives body
# :content and :text (containers, message/rfc822 headers, HTML mark-up),
# and the parts foreverypart visits; RFC 5173 6: no match variables.
require ["fileinto", "body", "variables", "foreverypart", "mime", "extracttext"];
if body :content "multipart" :contains "" { fileinto "has-multipart"; }
if body :content "multipart" :contains "--b2" { fileinto "boundary-seen"; }
if body :content "message/rfc822" :contains "Subject: holiday photos" { fileinto "rfc822-header"; }
if body :content "message/rfc822" :contains "secret password" { fileinto "rfc822-body"; }
if body :text :contains "<p>" { fileinto "text-markup"; }
if body :content "text/html" :contains "<p>" { fileinto "html-markup"; }
if body :text :contains "forwarded mail and the photo" { fileinto "text-html-words"; }
if header :matches "Subject" "*" { }
if body :raw :matches "*" { fileinto "raw-${1}"; }
set "n" "";
foreverypart {
  set "n" "${n}x";
  if header :mime :subtype "Content-Type" "html" {
    extracttext :first 20 "t";
    fileinto "html-${t}";
  }
}
fileinto "parts-${n}";
