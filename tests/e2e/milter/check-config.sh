#!/bin/sh
# check-config.sh - prdr-milter -t: exit 0 for a valid configuration; exit 1
# with FILE:LINE on stderr for an invalid one; -h lists the options and the
# built-in modules.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
MILTER_PORT=8890

e2e_exec_config delayed > "$T/good.conf"
"$PRDR_MILTER" -t -v -c "$T/good.conf" > "$T/good.out" 2>&1 \
  || { cat "$T/good.out" >&2; e2e_fail "-t on a valid configuration exited with $?"; }
e2e_expect "$T/good.out" "configuration is valid" "-t says the configuration is valid"
e2e_expect_not "$T/good.out" "runner" "-t starts no program runner"

check_bad () {   # check_bad NAME LINE WHAT: $T/NAME.conf has its error at LINE
  set +e
  "$PRDR_MILTER" -t -c "$T/$1.conf" > "$T/$1.out" 2> "$T/$1.err"
  rc=$?
  set -e
  [ "$rc" -eq 1 ] || e2e_fail "$3: -t exited with $rc, expected 1"
  e2e_expect "$T/$1.err" "$T/$1.conf:$2:" "$3: the error names FILE:LINE"
}

{ e2e_exec_config delayed; echo "timeout = forever"; } > "$T/value.conf"
check_bad value "$(wc -l < "$T/value.conf")" "a bad value in [exec]"

{ e2e_exec_config delayed; printf '\n[exce]\nprogram = /bin/true\n'; } > "$T/section.conf"
check_bad section "$(($(wc -l < "$T/section.conf") - 1))" "a misspelt section"

e2e_exec_config delayed | sed 's/^bounce-mode = delayed$/bounce-mode = later/' > "$T/mode.conf"
check_bad mode "$(grep -n '^bounce-mode' "$T/mode.conf" | cut -d: -f1)" "an unknown bounce mode"

"$PRDR_MILTER" -h > "$T/help.out" 2>&1 || e2e_fail "-h exited with $?"
for word in -c -t -v -h equal exec; do
  e2e_expect "$T/help.out" "^ +$word( |,)" "-h lists $word"
done
echo "PASS"
