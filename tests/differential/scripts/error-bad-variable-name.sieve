# RFC 5229 4: a variable name must be an identifier.
require "variables";
set "1abc" "x";
