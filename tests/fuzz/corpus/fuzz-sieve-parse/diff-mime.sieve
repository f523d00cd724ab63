# RFC 5703 4 header :mime with :type/:subtype/:contenttype/:param, :anychild.
require ["fileinto", "mime", "variables"];
if header :mime :type "Content-Type" "multipart" { fileinto "top-multipart"; }
if header :mime :subtype "Content-Type" "plain" { fileinto "top-plain"; }
if header :mime :contenttype "Content-Type" "text/plain" { fileinto "top-ct-plain"; }
if header :mime :param "charset" :is "Content-Type" "utf-8" { fileinto "charset-utf8"; }
if header :mime :anychild :subtype "Content-Type" "pdf" { fileinto "has-pdf"; }
if header :mime :anychild :param "filename" :matches "Content-Disposition" "*.exe" { fileinto "has-exe"; }
if header :mime :anychild :type "Content-Type" "image" { fileinto "has-image"; }
if header :mime :anychild :contenttype "Content-Type" "message/rfc822" { fileinto "has-rfc822"; }
if exists :mime :anychild "Content-Transfer-Encoding" { fileinto "has-cte"; }
if header :mime :param "boundary" :matches "Content-Type" "*" { fileinto "boundary-${1}"; }
