# RFC 5232 5: the implicit keep and keep use the internal flags.
require ["imap4flags"];
if header :contains "subject" ["SPAM", "deals"] { addflag "$Junk"; }
addflag "\\Seen";
if exists "cc" { keep :flags "\\Flagged"; }
