# RFC 5490 mailboxexists and fileinto :create.
require ["fileinto", "mailbox"];
if mailboxexists "INBOX" { fileinto "inbox-exists"; }
if mailboxexists ["No/Such/Folder"] { fileinto "never"; }
fileinto :create "Created/Folder";
