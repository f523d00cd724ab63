# RFC 5703 3 foreverypart with break and :name; header :mime in the loop.
require ["fileinto", "foreverypart", "mime", "variables"];
set "types" "";
foreverypart {
  if header :mime :contenttype "Content-Type" "*" {
  }
  if header :mime :contenttype :matches "Content-Type" "*" { set "types" "${types},${1}"; }
}
fileinto "types${types}";
foreverypart :name "outer" {
  if header :mime :subtype "Content-Type" "x-msdownload" { fileinto "exe-found"; break :name "outer"; }
  foreverypart {
    if header :mime :type "Content-Type" "image" { fileinto "nested-image"; break; }
  }
}
