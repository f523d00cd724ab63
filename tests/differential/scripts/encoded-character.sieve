# RFC 5228 2.4.2.4 encoded-character in strings.
require ["fileinto", "encoded-character"];
if header :contains "subject" "${hex:52 65}" { fileinto "hex-Re"; }
if header :contains "subject" "${unicode:20ac}" { fileinto "euro"; }
if header :contains "subject" "${hex:}" { fileinto "empty-hex"; }
fileinto "${hex:46 6f 6c 64 65 72}";
fileinto "${bad:41}-${hex:zz}";
