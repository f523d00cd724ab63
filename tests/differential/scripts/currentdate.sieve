# RFC 5260 5 currentdate (only comparisons stable over years).
require ["fileinto", "date", "relational", "comparator-i;ascii-numeric"];
if currentdate :value "ge" "year" "2024" { fileinto "after-2024"; }
if currentdate :value "lt" "year" "2200" { fileinto "before-2200"; }
if currentdate :matches "zone" "*" { fileinto "has-zone"; }
if currentdate :zone "+0000" :matches "iso8601" "????-??-??T??:??:??Z" { fileinto "iso-utc"; }
if currentdate :value "ge" :comparator "i;ascii-numeric" "julian" "60000" { fileinto "julian"; }
