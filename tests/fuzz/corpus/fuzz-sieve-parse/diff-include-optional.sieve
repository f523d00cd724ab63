# RFC 6609 3.2 :optional for a missing script.
require ["include", "fileinto"];
include :optional "does-not-exist";
fileinto "after-optional";
