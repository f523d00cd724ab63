require ["fileinto"];
if size :over 1K { fileinto "Large"; }
