#!/bin/sh
# test-prdr-sieve.sh PRDR_SIEVE - the command line tool: --check exit
# codes and error lines, the action lines of a run, runtime errors (exit 1)
# and usage errors (exit 64).
set -eu
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM

fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { # expect NAME EXPECTED GOT
  [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}

cat > "$dir/msg.eml" <<'MSG'
From: Joe <joe@example.com>
To: me@example.org
Subject: Win money now

Hello
MSG

cat > "$dir/ok.sieve" <<'S'
require ["fileinto", "reject", "envelope", "copy", "imap4flags"];
if envelope :is "from" "bad@example.net" { reject "go \"away\""; stop; }
if header :contains "subject" "money" { fileinto :copy :flags "\\Seen" "Junk"; }
redirect "other@example.net";
S
out=$("$bin" --check "$dir/ok.sieve") || fail "--check of a good script failed"
expect check-ok "" "$out"

out=$("$bin" -f joe@example.com -r me@example.org "$dir/ok.sieve" "$dir/msg.eml")
expect run "fileinto \"Junk\" :copy flags \"\\\\Seen\"
redirect \"other@example.net\"" "$out"

out=$("$bin" -f bad@example.net -r me@example.org "$dir/ok.sieve" "$dir/msg.eml")
expect run-reject "reject \"go \\\"away\\\"\"" "$out"

printf 'keep ]\nfrob;\n' > "$dir/bad.sieve"
set +e
out=$("$bin" --check "$dir/bad.sieve"); rc=$?
set -e
expect check-rc 2 "$rc"
expect check-errors "$dir/bad.sieve:1:6: expected ';' or a block after the command arguments, but found ']'" "$out"

printf 'require "reject";\nreject "a";\nkeep;\n' > "$dir/conflict.sieve"
set +e
out=$("$bin" -f a@b.example -r c@d.example "$dir/conflict.sieve" "$dir/msg.eml" 2>"$dir/err"); rc=$?
set -e
expect runtime-rc 1 "$rc"
grep -q "conflict.sieve:3: reject conflicts" "$dir/err" || fail "runtime error text: $(cat "$dir/err")"

printf '\n' > "$dir/empty.sieve"
out=$("$bin" -f "" -r c@d.example "$dir/empty.sieve" "$dir/msg.eml")
expect implicit-keep "implicit keep" "$out"

set +e
"$bin" -f a@b.example "$dir/ok.sieve" "$dir/msg.eml" 2>/dev/null; rc=$?
set -e
expect usage-rc 64 "$rc"
echo "ok"
