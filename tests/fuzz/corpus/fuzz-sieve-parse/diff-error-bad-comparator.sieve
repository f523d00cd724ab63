# RFC 5228 2.7.3: an unknown comparator is an error.
if header :comparator "i;no-such" :is "subject" "x" { keep; }
