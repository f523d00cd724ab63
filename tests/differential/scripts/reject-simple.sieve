# RFC 5429 2.2 reject cancels the implicit keep.
require "reject";
if not exists "from" { reject "No From header"; }
if header :contains "from" "alice" { reject "Alice is blocked"; }
