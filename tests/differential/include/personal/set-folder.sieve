require ["include", "variables"];
global "folder";
if header :contains "subject" "report" { set "folder" "Reports"; return; }
if header :contains "list-id" "" { set "folder" "Lists"; }
