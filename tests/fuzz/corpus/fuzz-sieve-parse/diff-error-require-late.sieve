# RFC 5228 3.2: require after another command is an error.
keep;
require "fileinto";
