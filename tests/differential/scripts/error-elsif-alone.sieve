# RFC 5228 3.1: elsif without if.
elsif true { keep; }
