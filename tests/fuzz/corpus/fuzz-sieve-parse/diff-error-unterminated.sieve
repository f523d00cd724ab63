# RFC 5228 8.1: an unterminated string is a compile error.
require "fileinto";
fileinto "Folder;
