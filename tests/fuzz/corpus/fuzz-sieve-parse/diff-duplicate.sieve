# RFC 7352 duplicate (first delivery: not a duplicate), :header, :uniqueid.
require ["fileinto", "duplicate", "variables"];
if duplicate { fileinto "dup-msgid"; }
if duplicate :header "subject" { fileinto "dup-subject"; }
if header :matches "from" "*" { set "f" "${1}"; }
if duplicate :uniqueid "${f}" :seconds 3600 { fileinto "dup-from"; }
if not duplicate :handle "other" { fileinto "not-dup"; }
