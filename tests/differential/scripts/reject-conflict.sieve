# RFC 5429 2.2: reject with fileinto/keep in the same run is an error.
require ["reject", "fileinto"];
fileinto "Folder";
reject "cannot also reject";
