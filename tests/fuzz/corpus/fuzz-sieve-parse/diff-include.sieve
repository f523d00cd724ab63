# RFC 6609 include :personal/:global, :once, return, global variables.
require ["include", "variables", "fileinto"];
global "folder";
set "folder" "Default";
include :personal "set-folder";
include :personal :once "common";
include :personal :once "common";
include :global "global-rules";
fileinto "${folder}";
