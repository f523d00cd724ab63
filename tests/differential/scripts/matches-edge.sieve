# RFC 5228 2.7.1 :matches: "*" any sequence, "?" one character, "\\"
# escapes; anchored at both ends.
require "fileinto";
if header :matches "subject" "*" { fileinto "star"; }
if header :matches "subject" "" { fileinto "empty-pattern"; }
if header :matches "x-empty" "" { fileinto "empty-matches-empty"; }
if header :matches "x-empty" "*" { fileinto "empty-star"; }
if header :matches "subject" "**" { fileinto "double-star"; }
if header :matches "subject" "*?*" { fileinto "star-q-star"; }
if header :matches "subject" "Meeting*" { fileinto "prefix"; }
if header :matches "subject" "*notes*Friday" { fileinto "middle"; }
if header :matches "subject" "M?eting*" { fileinto "qmark"; }
if header :matches "subject" "*!!!" { fileinto "bangs"; }
if header :matches "subject" "*\\!" { fileinto "escaped-bang"; }
if header :matches "subject" "\\[SPAM\\]*" { fileinto "escaped-brackets"; }
if header :matches "subject" "*\\*" { fileinto "literal-star-absent"; }
if header :matches "subject" "Re: ?dev? *" { fileinto "re-dev"; }
if header :matches "subject" "Caf? *" { fileinto "utf8-one-char"; }
if header :matches "subject" "Caf?? *" { fileinto "utf8-two-chars"; }
if header :matches "from" "*<*@*>*" { fileinto "angle-parts"; }
if header :matches "subject" "*a*a*a*a*a*a*a*a*a*a*b" { fileinto "backtrack"; }
