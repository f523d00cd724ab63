# sieve-test-to-prdr.awk - turn Pigeonhole sieve-test's report into the
# prdr-sieve output format (one action per line, see doc of prdr-sieve):
#
#   keep [flags "\\Seen" ...]            fileinto "F" [:copy] [:create] [flags ...]
#   redirect "addr" [:copy]              reject "reason"       discard
#   vacation subject "s" from "f" days N reason "r"   (sieve-test omits "to")
#   notify "mailto:addr" importance N [message "m"]
#   addheader "Name" "value"             deleteheader "Name"
#   implicit keep [flags ...]            (last line)
#
# Input: sieve-test's stdout on stdin; with -v trace=FILE the runtime trace
# written with -Tlevel=commands, from which the editheader actions come
# (sieve-test's summary does not list them; a deleteheader that removed
# nothing is no action, as for prdr-sieve).  -v status=N is sieve-test's
# exit status: 89 is a compile error, 1 a runtime error.
#
# sieve-test prints the default mailbox INBOX for both "keep" and
# 'fileinto "INBOX"'; they are printed as "keep" here.


function flags_of(list,    n, i, parts, out) {
    n = split(list, parts, " ")
    out = ""
    for (i = 1; i <= n; i++)
        if (parts[i] != "")
            out = out " " q(parts[i])
    return " flags" out
}

# Print the action being collected, if any.
function flush() {
    if (kind == "")
        return
    if (kind == "store") {
        if (section == "implicit")
            line = "implicit keep"
        else if (folder == "INBOX")
            line = "keep"
        else
            line = "fileinto " q(folder)
        if (section != "implicit" && folder != "INBOX") {
            if (copy) line = line " :copy"
            if (create) line = line " :create"
        }
        if (flags != "") line = line flags_of(flags)
    } else if (kind == "reject") {
        line = "reject " q(reason)
    } else if (kind == "redirect") {
        line = "redirect " q(addr) (copy ? " :copy" : "")
    } else if (kind == "vacation") {
        line = "vacation"
        if (subject_set) line = line " subject " q(subject)
        if (from_set) line = line " from " q(from)
        if (seconds % 86400 == 0) line = line " days " (seconds / 86400)
        else line = line " seconds " seconds
        line = line " reason " q(reason)
    } else if (kind == "notify") {
        line = "notify " q(method rcpts) " importance " importance
        if (subject_set) line = line " message " q(subject)
        if (from_set) line = line " from " q(from)
    } else {
        line = kind
    }
    if (section == "implicit")
        implicit_line = line
    else
        print line
    kind = ""
}

function start(k) {
    flush()
    kind = k; copy = 0; create = 0; flags = ""; folder = ""; addr = ""
    subject_set = 0; from_set = 0; seconds = 0; reason = ""; rcpts = ""
    importance = ""; method = ""
}

BEGIN {
    section = ""; kind = ""; implicit_line = ""; in_message = 0
    if (status == 89) { print "error compile"; exit_now = 1; exit }
    if (status == 1) { print "error runtime"; exit_now = 1; exit }
    if (status != 0) { print "error exit " status; exit_now = 1; exit }
    # editheader actions from the trace, in execution order.
    if (trace != "") {
        while ((getline t < trace) > 0) {
            if (t ~ /^ *[0-9]+: addheader "/) {
                sub(/^ *[0-9]+: addheader "/, "", t); sub(/"$/, "", t)
                i = index(t, ": ")
                print "addheader " q(substr(t, 1, i - 1)) " " q(substr(t, i + 2))
            } else if (t ~ /^ *[0-9]+:   deleted [1-9][0-9]* occurrences of header `/) {
                # deleteheader NAME, with or without :index, that removed some
                sub(/^.*occurrences of header `/, "", t); sub(/'.*$/, "", t)
                print "deleteheader " q(t)
            } else if (t ~ /^ *[0-9]+:   deleting matching occurrences of header `/) {
                # deleteheader with a value pattern: one line per removed field
                sub(/^.*occurrences of header `/, "", t); sub(/'.*$/, "", t)
                pending = t
            } else if (t ~ /^ *[0-9]+:   deleting header with value `/ && pending != "") {
                print "deleteheader " q(pending)
                pending = ""
            }
        }
    }
}

exit_now { next }

/^Performed actions:$/ { section = "performed"; next }
/^Implicit keep:$/ { flush(); section = "implicit"; next }

in_message {
    if ($0 == "END MESSAGE") { in_message = 0; skipping_handle = 0; next }
    reason = (reason_lines++ ? reason "\n" : "") $0
    next
}

kind == "vacation" && $0 == "START MESSAGE" { in_message = 1; reason_lines = 0; next }
kind == "vacation" && skipping_handle { next }

/^ \* store message in folder: / { start("store"); folder = substr($0, 29); next }
/^ \* redirect message to: </ { start("redirect"); addr = substr($0, 26); sub(/>$/, "", addr); next }
/^ \* discard$/ { start("discard"); next }
/^ \* reject message with reason: / { start("reject"); reason = substr($0, 32); next }
/^ \* send vacation message:$/ { start("vacation"); skipping_handle = 0; next }
/^ \* send notification with method '/ {
    start("notify"); method = $0
    sub(/^ \* send notification with method '/, "", method); sub(/':$/, "", method)
    next
}
/^ +\+ preserve implicit keep$/ { copy = 1; next }
/^ +\+ create mailbox if it does not exist$/ { create = 1; next }
/^ +\+ add IMAP flags: / { flags = $0; sub(/^ +\+ add IMAP flags: /, "", flags); next }
/^    => seconds : / { seconds = $4 + 0; next }
/^    => subject +: / { subject_set = 1; subject = $0; sub(/^    => subject +: /, "", subject); next }
/^    => from +: / { from_set = 1; from = $0; sub(/^    => from +: /, "", from); next }
/^    => handle +: / { skipping_handle = 1; next }
/^    => importance +: / { importance = $NF; next }
/^    => recipients +:$/ { next }
/^       \+ To: / { rcpts = rcpts (rcpts == "" ? "" : ",") substr($0, 14); next }
/^       \+ Cc: / { rcpts = rcpts "?cc=" substr($0, 14); next }
/^  \(none\)$/ || /^$/ { next }
# duplicate (RFC 7352) records its id when the delivery succeeds; that is
# bookkeeping of the implementation, not an action on the message.
/^ \* track duplicate/ { flush(); next }
{ flush(); print "unparsed " q($0) }

END {
    if (exit_now) exit
    flush()
    if (implicit_line != "")
        print implicit_line
}
