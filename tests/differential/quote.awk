# quote.awk - q(s): s as a prdr-sieve string argument ("..." with \\, \",
# CR, LF and TAB escaped), shared by sieve-test-to-prdr.awk and canonical.awk
# (both are run as awk -f quote.awk -f SCRIPT).
function q(s,    out, i, c) {
    out = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\" || c == "\"") out = out "\\" c
        else if (c == "\r") out = out "\\r"
        else if (c == "\n") out = out "\\n"
        else if (c == "\t") out = out "\\t"
        else out = out c
    }
    return "\"" out "\""
}
