# RFC 5703 7 extracttext inside foreverypart.
require ["fileinto", "foreverypart", "mime", "variables", "extracttext"];
foreverypart {
  if header :mime :subtype "Content-Type" "plain" {
    extracttext :first 12 "start";
    fileinto "plain-${start}";
    break;
  }
}
