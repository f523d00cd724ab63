# RFC 5230 4.1-4.7 defaults: 7 days, subject and from chosen by the
# implementation; a multi-line reason.
require "vacation";
vacation text:
I am on holiday.
..I will read your mail later.
.
;
