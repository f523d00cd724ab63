# RFC 5429 2.2 reject, with a multi-line reason (RFC 5228 2.4.2 text:).
require "reject";
if header :contains "subject" ["WON", "deals"] {
  reject text:
Your message was refused.
..A line that started with a dot.
Contact "postmaster" \ at example.net.
.
;
}
