# RFC 5183 environment; items the deployment sets (phase, location, domain).
require ["fileinto", "environment", "variables"];
if environment :is "phase" "post" { fileinto "phase-post"; }
if environment :is "location" "MS" { fileinto "location-ms"; }
if environment :matches "domain" "?*" { fileinto "has-domain"; }
if environment :matches "host" "?*" { fileinto "has-host"; }
if environment :contains "vnd.example.unknown" "" { fileinto "unknown-item"; }
if not environment :matches "vnd.example.unknown" "*" { fileinto "unknown-false"; }
