# RFC 5232 setflag/addflag/removeflag/hasflag, :flags, and the internal
# variable's use by the implicit keep.
require ["fileinto", "imap4flags", "variables", "relational", "comparator-i;ascii-numeric"];
setflag "\\Seen";
addflag ["$Work", "\\Flagged"];
if hasflag :contains "work" { fileinto "hasflag-work"; }
removeflag "\\flagged";
if hasflag :is "\\Flagged" { fileinto "never"; }
fileinto "WithInternal";
fileinto :flags "\\Answered $Label1" "Explicit";
set "myflags" "\\Draft";
addflag "myflags" "Extra";
fileinto :flags "${myflags}" "FromVariable";
if hasflag :count "eq" :comparator "i;ascii-numeric" "myflags" "2" { fileinto "two-flags"; }
