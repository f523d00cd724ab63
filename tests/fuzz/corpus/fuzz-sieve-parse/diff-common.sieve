require ["fileinto", "imap4flags"];
addflag "$Included";
if header :contains "subject" "SPAM" { fileinto "Junk"; }
