# RFC 6131 :seconds.
require ["vacation", "vacation-seconds"];
if exists "from" { vacation :seconds 172800 :subject "Away" "Back soon."; }
