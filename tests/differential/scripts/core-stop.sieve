# RFC 5228 3.3 stop: later commands are not run, implicit keep stays when
# nothing cancelled it.
require "fileinto";
if header :contains "subject" "SPAM" { fileinto "Junk"; stop; }
if header :contains "from" "example.org" { stop; }
fileinto "after-stop";
