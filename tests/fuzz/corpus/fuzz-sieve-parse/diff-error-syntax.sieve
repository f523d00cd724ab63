# RFC 5228 8: a missing semicolon is a compile error.
if true { keep }
