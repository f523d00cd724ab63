# canonical.awk - bring two prdr-sieve-format action lists (prdr-sieve's own
# output and sieve-test's, normalised by sieve-test-to-prdr.awk) to one
# canonical form, so that `cmp` tells whether they agree.  Each rule removes
# a difference of presentation only, never of behaviour:
#
#  * 'fileinto "INBOX"' is "keep": RFC 5228 4.1 names INBOX the default
#    mailbox, and sieve-test prints both the same way.
#  * Flags are a set (RFC 5232 3): sorted, duplicates dropped, system flags
#    ("\Seen") compared in lower case, as IMAP does (RFC 3501 2.3.2).
#  * vacation: the "to" address is dropped (sieve-test does not print it,
#    the reply goes to the envelope sender by RFC 5230 4.5); days become
#    seconds (RFC 6131 defines :days N as N * 86400 seconds).
#  * reject reasons: sieve-test prints CR and LF each as "?" and cuts the
#    text after 125 characters with "..."; the same is done to ours.
#    Folder names: CR and LF printed as "?" too.
#    Vacation reasons: CR dropped (line ends are CRLF on the wire anyway).
#  * notify: importance 2 is the default (RFC 5435 3.6), absent = 2.
#  * editheader: sieve-test's trace shows neither addheader's :last nor
#    deleteheader's index; header names compare case-insensitively
#    (RFC 5322 1.2.2) in deleteheader.
#  * duplicate_mark (prdr-sieve) and "track duplicate" (sieve-test) are the
#    id the caller records after delivery (RFC 7352 3), not an action on the
#    message: dropped.
#  * Actions are a set of lines (the order of actions is not observable
#    by the recipient): sorted.

function unq(s,    out, i, c) {
    out = ""
    for (i = 2; i < length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\") {
            i++
            c = substr(s, i, 1)
            if (c == "n") c = "\n"
            else if (c == "r") c = "\r"
            else if (c == "t") c = "\t"
        }
        out = out c
    }
    return out
}


# Split a line into tokens: words and quoted strings (kept quoted).
function tokenize(line, tok,    n, i, c, start) {
    n = 0
    i = 1
    while (i <= length(line)) {
        c = substr(line, i, 1)
        if (c == " ") { i++; continue }
        start = i
        if (c == "\"") {
            i++
            while (i <= length(line) && substr(line, i, 1) != "\"") {
                if (substr(line, i, 1) == "\\") i++
                i++
            }
            i++
        } else {
            while (i <= length(line) && substr(line, i, 1) != " ") i++
        }
        tok[++n] = substr(line, start, i - start)
    }
    return n
}

function sort_words(arr, n,    i, j, t) {
    for (i = 2; i <= n; i++)
        for (j = i; j > 1 && arr[j - 1] > arr[j]; j--) {
            t = arr[j]; arr[j] = arr[j - 1]; arr[j - 1] = t
        }
}

function canon_flags(tok, n, first,    i, k, f, fl, seen, out) {
    k = 0
    for (i = first; i <= n; i++) {
        f = unq(tok[i])
        if (substr(f, 1, 1) == "\\") f = tolower(f)
        if (!(f in seen)) { seen[f] = 1; fl[++k] = f }
    }
    sort_words(fl, k)
    out = " flags"
    for (i = 1; i <= k; i++) out = out " " q(fl[i])
    return k ? out : ""
}

function reject_reason(s) {
    gsub(/\r\n/, "\n", s)
    gsub(/[\r\n]/, "??", s)
    if (length(s) > 128) s = substr(s, 1, 125) "..."
    return q(s)
}

$1 == "duplicate_mark" { next }

{
    n = tokenize($0, tok)
    verb = tok[1]
    if (verb == "deleteheader") tok[2] = tolower(tok[2])
    out = ""
    if (verb == "fileinto" && unq(tok[2]) == "INBOX") {
        tok[1] = "keep"; tok[2] = ""
    }
    for (i = 1; i <= n; i++) {
        if (tok[i] == "") continue
        if (tok[1] == "keep" && (tok[i] == ":copy" || tok[i] == ":create")) continue
        if (tok[i] == "flags") { out = out canon_flags(tok, n, i + 1); break }
        if (verb == "fileinto" && i == 2) {
            f = unq(tok[i]); gsub(/[\r\n]/, "?", f)
            out = out " " q(f); continue
        }
        if ((verb == "reject" || verb == "ereject") && i == 2) {
            out = out " " reject_reason(unq(tok[i])); continue
        }
        if (verb == "vacation" && tok[i] == "to") { i++; continue }
        if (verb == "vacation" && tok[i] == "days") {
            out = out " seconds " (tok[i + 1] * 86400); i++; continue
        }
        if (verb == "vacation" && tok[i] == "reason") {
            r = unq(tok[i + 1]); gsub(/\r/, "", r)
            out = out " reason " q(r); i++; continue
        }
        if (verb == "notify" && tok[i] == "importance" && tok[i + 1] == "2") { i++; continue }
        if (verb == "addheader" && tok[i] == ":last") continue
        if (verb == "deleteheader" && tok[i] == "index") { i++; continue }
        out = out " " tok[i]
    }
    print substr(out, 2)
}
