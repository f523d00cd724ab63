# RFC 5228 2.7.2: header values are compared after RFC 2047 decoding.
require ["fileinto", "variables"];
if header :contains "subject" "Grüße aus Köln" { fileinto "b-decoded"; }
if header :contains "subject" "more € money" { fileinto "q-decoded"; }
if header :is "subject" "Grüße aus Köln and more € money" { fileinto "whole-decoded"; }
if header :contains "from" "René Müller" { fileinto "from-name"; }
if header :contains "to" "Jörg" { fileinto "latin1"; }
if header :is "x-encoded-mixed" "plain café text crème" { fileinto "mixed"; }
if header :contains "subject" "=?UTF-8?" { fileinto "raw-visible"; }
if header :contains "from" "François" { fileinto "francois"; }
if header :contains "subject" "Café crème" { fileinto "raw-8bit"; }
