# RFC 5228 2.9: an unknown command is a compile error.
frobnicate "x";
