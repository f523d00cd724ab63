# RFC 5228 3.2: fileinto without require is a compile error.
fileinto "Folder";
