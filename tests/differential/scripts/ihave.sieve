# RFC 5463 ihave: known and unknown capabilities.
require ["ihave", "fileinto"];
if ihave "fileinto" { fileinto "has-fileinto"; }
if ihave "x-no-such-extension" { fileinto "never"; }
if ihave ["envelope", "variables"] { fileinto "has-both"; }
if not ihave "x-unknown" { fileinto "unknown-false"; }
