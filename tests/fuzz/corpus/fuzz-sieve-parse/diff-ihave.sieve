# RFC 5463 ihave: known and unknown capabilities; "variables" changes how
# scripts are interpreted, so ihave MUST fail for it (RFC 5463 4).
require ["ihave", "fileinto"];
if ihave "fileinto" { fileinto "has-fileinto"; }
if ihave "x-no-such-extension" { fileinto "never"; }
if ihave ["envelope", "variables"] { fileinto "has-both"; }
if not ihave "x-unknown" { fileinto "unknown-false"; }
