# RFC 5260 7 index: :index and :last on header and date.
require ["fileinto", "date", "index", "variables"];
if header :index 1 :matches "received" "from *" { fileinto "first-${1}"; }
if header :index 2 :matches "received" "from * by*" { fileinto "second-${1}"; }
if header :index 1 :last :matches "received" "from * by*" { fileinto "last-${1}"; }
if header :index 9 :matches "received" "*" { fileinto "index-too-big"; }
if date :index 1 :zone "+0000" :matches "received" "time" "*" { fileinto "rcvd1-${1}"; }
if date :index 1 :last :zone "+0000" :matches "received" "time" "*" { fileinto "rcvdlast-${1}"; }
if address :index 1 :is :domain "to" "example.net" { fileinto "to-1"; }
