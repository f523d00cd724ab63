# RFC 5235 virustest values 0..5.
require ["fileinto", "virustest", "relational", "comparator-i;ascii-numeric", "variables"];
if virustest :value "eq" :comparator "i;ascii-numeric" "0" { fileinto "untested"; }
if virustest :value "ge" :comparator "i;ascii-numeric" "4" { discard; }
if virustest :matches "*" { fileinto "virus-${1}"; }
