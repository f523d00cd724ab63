# RFC 5260 4 date test with date-parts, :zone and :originalzone.
require ["fileinto", "date", "variables", "relational"];
if date :is "date" "year" "2026" { fileinto "year-2026"; }
if date :originalzone :matches "date" "zone" "*" { fileinto "zone-${1}"; }
if date :zone "+0000" :matches "date" "hour" "*" { fileinto "utc-hour-${1}"; }
if date :zone "+0000" :matches "date" "iso8601" "*" { fileinto "iso-${1}"; }
if date :originalzone :matches "date" "date" "*" { fileinto "local-date-${1}"; }
if date :zone "-0800" :matches "date" "weekday" "*" { fileinto "weekday-${1}"; }
if date :zone "+0000" :matches "date" "julian" "*" { fileinto "julian-${1}"; }
if date :value "lt" :zone "+0000" "date" "std11" "Z" { fileinto "std11-lt"; }
if date :zone "+0000" :matches "date" "std11" "*" { fileinto "std11-${1}"; }
if not date :is "x-nothing" "year" "2026" { fileinto "absent-false"; }
if date :zone "+0100" :matches "received" "time" "*" { fileinto "received-${1}"; }
