# RFC 5228 2.4.2 quoted strings with escapes, multi-line strings with
# dot-stuffing, comments of both kinds, tagged arguments in any order.
require ["fileinto"];  # hash comment
/* bracketed
   comment */
if header :contains "subject" "\"" { fileinto "has-quote"; }
if header :comparator "i;octet" :contains "subject" "\M\e\e\t" { fileinto "escaped-letters"; }
if header :contains :comparator "i;octet" "subject" text: # comment after text:
notes
.
{ fileinto "text-key"; }
fileinto text:
Multi
.
;
