# RFC 5228 2.7.1: at most one match type.
if header :is :contains "subject" "x" { keep; }
