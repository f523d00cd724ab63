# A realistic user script with 30 rules: spam headers, lists, vacation,
# fileinto by :matches, variables.  Also the script of bench/sieve-eval.
require ["fileinto", "envelope", "variables", "imap4flags", "vacation",
         "relational", "comparator-i;ascii-numeric", "subaddress", "body",
         "copy", "regex", "reject", "date", "mailbox"];
# 1-4: spam filtering on scanner headers
if header :contains "X-Spam-Flag" "YES" { fileinto "Junk"; stop; }
if header :value "ge" :comparator "i;ascii-numeric" "X-Spam-Score" "10" { discard; stop; }
if header :matches "X-Spam-Status" "Yes, score=*" { addflag "$Junk"; fileinto "Junk"; stop; }
if header :contains "subject" ["viagra", "lottery", "you have won"] { fileinto "Junk"; stop; }
# 5-10: mailing lists by List-Id, with the list name as folder
if header :matches "List-Id" "*<*.lists.example.org>" { fileinto "Lists/${2}"; stop; }
if header :matches "List-Id" "*<deals.*>" { fileinto "Shopping"; stop; }
if header :regex "List-Id" "<([a-z0-9-]+)\\.googlegroups\\.com>" { fileinto "Groups/${1}"; stop; }
if header :contains "Precedence" ["bulk", "junk"] { fileinto "Bulk"; }
if exists "List-Unsubscribe" { addflag "$List"; }
if address :is :all "from" ["noreply@github.example", "notifications@ci.example"] { fileinto "Notifications"; stop; }
# 11-14: subaddress and envelope
if envelope :matches :detail "to" "*" { set :lower "detail" "${1}"; }
if string :is "${detail}" "lists" { fileinto "Lists/unsorted"; stop; }
if string :matches "${detail}" "?*" { fileinto "Plus/${detail}"; stop; }
if envelope :is :domain "from" "spammer.example" { discard; stop; }
# 15-20: people and work
if address :domain "from" ["example.org", "sub.example.com"] { addflag "\\Flagged"; }
if header :matches "from" "*boss*" { fileinto :copy "Important"; }
if address :matches :localpart "from" "*.doe" { fileinto "Family"; stop; }
if header :contains "subject" ["invoice", "report", "receipt"] { fileinto "Finance"; }
if allof (header :contains "subject" "meeting", header :contains "to" "rcpt@") { fileinto "Meetings"; }
if header :matches "subject" "Re: [*] *" { fileinto "Threads/${1}"; }
# 21-24: size and attachments
if size :over 5M { fileinto "Large"; stop; }
if header :contains "Content-Type" "multipart/mixed" { addflag "$Attachment"; }
if body :raw :contains "application/x-msdownload" { reject "Executables are not accepted."; stop; }
if body :text :contains ["unsubscribe", "opt out"] { addflag "$Marketing"; }
# 25-27: dates
if date :value "lt" :originalzone "date" "hour" "06" { addflag "$Night"; }
if date :is :originalzone "date" "weekday" ["0", "6"] { addflag "$Weekend"; }
if not exists "date" { addflag "$NoDate"; }
# 28-30: vacation and default
if header :matches "subject" "*" { set "subj" "${1}"; }
if allof (not exists "List-Id", not header :contains "Precedence" ["bulk", "list"]) {
  vacation :days 7 :subject "Away: ${subj}" :from "rcpt@example.net" "I am away this week.";
}
if hasflag :contains "$Junk" { fileinto "Junk"; } else { keep; }
