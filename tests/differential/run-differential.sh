#!/bin/sh
# run-differential.sh - differential test of prdr-sieve against Pigeonhole's
# sieve-test (the oracle, ../shared/docs/TESTBED.md).
#
# For every script in scripts/ x message in messages/ x recipient in
# $RECIPIENTS it runs the oracle and prdr-sieve with the same envelope and
# compares their actions after both were brought to one canonical form
# (sieve-test-to-prdr.awk, then canonical.awk; each rule there says why it
# is only presentation).  The oracle runs live when sieve-test is installed;
# otherwise its checked-in output in golden/ is used.
#
#   run-differential.sh PRDR_SIEVE            compare; exit 1 when any pair
#        disagrees (or the run itself breaks)
#   run-differential.sh --update-golden       rewrite golden/ from sieve-test,
#        then rfc-expected/ from it (derive-rfc-expected.sh)
#
# Triples listed in known-differences.txt (deliberate, each with its RFC
# reason) are compared with rfc-expected/SCRIPT.out (what the RFC says, in
# the golden format) instead of the oracle, or left out when it has none.
# Prints per pair "disagree ..." with a diff (oracle lines "-", ours "+"),
# then "N agree, N disagree, N skip".
# Environment: SIEVE_TEST (oracle binary, default sieve-test on PATH),
# DIFF_JOBS (parallel workers, default 4 per CPU),
# DIFF_ORACLE=golden forces the checked-in oracle output.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
RECIPIENTS="rcpt@example.net rcpt+lists@example.net"
SENDER="sender@example.org"
SPAM_MAX=10
EXTENSIONS="+spamtest +spamtestplus +virustest +editheader +vacation-seconds"
STEP_TIMEOUT=20

die() { echo "run-differential.sh: $*" >&2; exit 1; }

# header VALUE of the first NAME: field of a message (header part only).
header_value() {
  awk -v name="$1" 'BEGIN { IGNORECASE = 1 } /^\r?$/ { exit }
    tolower($0) ~ "^" tolower(name) ":" { sub(/^[^:]*: */, ""); sub(/\r$/, ""); print; exit }' "$2"
}

# Oracle: sieve-test on one script/message/recipient, normalised.
oracle_live() {
  script=$1 msg=$2 rcpt=$3 trace=$WORK/sandbox/trace.$$
  rm -f "$trace"
  set +e
  ( cd "$WORK/sandbox/scripts" &&
    HOME=$WORK/sandbox timeout "$STEP_TIMEOUT" "$SIEVE_TEST" $ST_PRIV \
      -o "mail_location=maildir:$WORK/sandbox/Maildir" \
      -o "plugin/sieve=file:$WORK/sandbox/scripts" \
      -o "plugin/sieve_global=$WORK/sandbox/include/global" \
      -o plugin/sieve_spamtest_status_type=score \
      -o "plugin/sieve_spamtest_status_header=X-Spam-Score: ([-0-9.]+)" \
      -o plugin/sieve_spamtest_max_value=$SPAM_MAX \
      -o plugin/sieve_virustest_status_type=score \
      -o "plugin/sieve_virustest_status_header=X-Virus-Scan: ([0-9])" \
      -o plugin/sieve_virustest_max_value=5 \
      -x "$EXTENSIONS" -t "$trace" -Tlevel=commands -C \
      -f "$SENDER" -a "$rcpt" -r "$rcpt" "$script" "$WORK/sandbox/messages/$msg" \
      >"$WORK/oracle.$$" 2>"$WORK/oracle-err.$$" )
  rc=$?
  set -e
  awk -v status=$rc -v trace="$trace" -f "$HERE/quote.awk" -f "$HERE/sieve-test-to-prdr.awk" "$WORK/oracle.$$"
}

# The section "### MSG RCPT" of a file in golden/ format.
section() {
  [ -f "$1" ] || return 0
  awk -v want="### $2 $3" '$0 == want { on = 1; next } /^### / { on = 0 } on' "$1"
}
# Oracle from the checked-in golden file.
oracle_golden() { section "$HERE/golden/${1%.sieve}.out" "$2" "$3"; }
# What the RFC expects where sieve-test departs from it (known-differences.txt).
rfc_expected() { section "$HERE/rfc-expected/${1%.sieve}.out" "$2" "$3"; }

# Ours: prdr-sieve on the same, with the same facts the oracle reads from
# the message (spam score, virus status) and the same environment items.
ours() {
  script=$1 msg=$2 rcpt=$3
  m="$HERE/messages/$msg"
  set -- -f "$SENDER" -r "$rcpt" -e "domain=$HOSTNAME_E" -e "host=$HOSTNAME_E" \
         -e location=MS -e phase=post --global-dir "$WORK/sandbox/include/global"
  read -r spam virus <"$WORK/facts.$msg"
  [ "$spam" != - ] && set -- "$@" --spam "$spam/$SPAM_MAX"
  [ "$virus" != - ] && set -- "$@" --virus "$virus"
  set +e
  timeout "$STEP_TIMEOUT" "$PRDR_SIEVE" "$@" "$WORK/sandbox/scripts/$script" "$m" \
    >"$WORK/ours.$$" 2>"$WORK/ours-err.$$"
  rc=$?
  set -e
  case $rc in
    0) cat "$WORK/ours.$$" ;;
    1) echo "error runtime" ;;
    2) echo "error compile" ;;
    *) echo "error exit $rc" ;;
  esac
}

canon() { awk -f "$HERE/quote.awk" -f "$HERE/canonical.awk" | LC_ALL=C sort; }

# known_reason SCRIPT MSG RCPT: the reason text when the triple is a
# deliberate difference ("*" matches any message or recipient).
known_reason() {
  awk -v s="$1" -v m="$2" -v r="$3" '/^#/ || NF < 4 { next }
    $1 == s && ($2 == m || $2 == "*") && ($3 == r || $3 == "*") {
      $1 = $2 = $3 = ""; sub(/^ */, ""); print; exit }' "$HERE/known-differences.txt"
}

# One worker per script: writes "$WORK/res/SCRIPT" lines "RESULT SCRIPT MSG RCPT".
worker() {
  script=$1
  res="$WORK/res/$script"
  : >"$res"
  has_known=$(awk -v s="$script" '$1 == s { print "yes"; exit }' "$HERE/known-differences.txt")
  for m in $MESSAGES; do
    for r in $RECIPIENTS; do
      if [ "$MODE" = golden ]; then
        printf '### %s %s\n' "$m" "$r"
        oracle_live "$script" "$m" "$r"
        continue
      fi
      reason=
      [ -n "$has_known" ] && reason=$(known_reason "$script" "$m" "$r")
      if [ -n "$reason" ]; then
        # A deliberate difference: compare with what the RFC expects, when
        # rfc-expected/ says it; otherwise leave the triple out.
        rfc_expected "$script" "$m" "$r" | canon >"$WORK/o.$$"
        if [ ! -s "$WORK/o.$$" ]; then
          echo "skip $script $m $r" >>"$res"
          continue
        fi
        label=" (known difference: compared with rfc-expected/, see known-differences.txt)"
      elif [ "$ORACLE" = live ]; then
        # The checked-in golden output must be what the oracle says now.
        oracle_live "$script" "$m" "$r" >"$WORK/live.$$"
        oracle_golden "$script" "$m" "$r" | cmp -s - "$WORK/live.$$" ||
          echo "stale $script $m $r" >>"$res"
        canon <"$WORK/live.$$" >"$WORK/o.$$"
        label=
      else
        oracle_golden "$script" "$m" "$r" | canon >"$WORK/o.$$"
        label=
      fi
      ours "$script" "$m" "$r" | canon >"$WORK/u.$$"
      [ -n "$label" ] && echo "rfc $script $m $r" >>"$res"
      if cmp -s "$WORK/o.$$" "$WORK/u.$$"; then
        echo "agree $script $m $r" >>"$res"
      else
        echo "disagree $script $m $r" >>"$res"
        { echo "disagree $script $m $r$label"; diff "$WORK/o.$$" "$WORK/u.$$" | sed -n 's/^</  -/p; s/^>/  +/p'
          sed 's/^/  stderr: /' "$WORK/ours-err.$$" | head -n 3
          grep -q '^error' "$WORK/u.$$" && sed 's/^/  stdout: /' "$WORK/ours.$$" | head -n 3
          true; } >>"$WORK/diff/$script"
      fi
    done
  done > "$WORK/golden.$script"
}

if [ "${1:-}" = --worker ]; then
  worker "$2"
  exit 0
fi

MODE=compare
case "${1:-}" in
  --update-golden) MODE=golden; shift ;;
esac
if [ "$MODE" != golden ]; then
  [ $# -eq 1 ] || die "usage: run-differential.sh PRDR_SIEVE | --update-golden"
  PRDR_SIEVE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  [ -x "$PRDR_SIEVE" ] || die "prdr-sieve not found at $1"
fi

SIEVE_TEST=${SIEVE_TEST:-$(command -v sieve-test || true)}
ORACLE=live
if [ -z "$SIEVE_TEST" ] || [ "${DIFF_ORACLE:-}" = golden ]; then
  ORACLE=golden
  [ "$MODE" = golden ] && die "--update-golden needs sieve-test (apt-get install dovecot-sieve)"
fi
HOSTNAME_E=$(hostname)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/differential.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
mkdir -p "$WORK/res" "$WORK/diff" "$WORK/sandbox"
chmod 755 "$WORK"
# sieve-test drops to an unprivileged user when run as root: its sandbox
# (home, mail store, a copy of scripts, includes, messages) must be its own.
# include :personal scripts sit beside the script for both (prdr-sieve
# looks there; sieve-test is told so), :global ones in include/global.
cp -R "$HERE/scripts" "$HERE/include" "$HERE/messages" "$WORK/sandbox/"
cp "$HERE"/include/personal/*.sieve "$WORK/sandbox/scripts/"
ST_PRIV=
if [ "$(id -u)" = 0 ]; then
  ST_PRIV="-o mail_uid=65534 -o mail_gid=65534"
  chown -R 65534:65534 "$WORK/sandbox"
fi

MESSAGES=$(cd "$HERE/messages" && ls *.eml)
# The facts the oracle reads from each message, for prdr-sieve's options.
for m in $MESSAGES; do
  spam=$(header_value X-Spam-Score "$HERE/messages/$m"); virus=$(header_value X-Virus-Scan "$HERE/messages/$m")
  echo "${spam:--} ${virus:--}" >"$WORK/facts.$m"
done
SCRIPTS=$(cd "$HERE/scripts" && ls *.sieve)
export HERE RECIPIENTS SENDER SPAM_MAX EXTENSIONS STEP_TIMEOUT WORK MESSAGES MODE ORACLE \
       SIEVE_TEST ST_PRIV HOSTNAME_E
export PRDR_SIEVE="${PRDR_SIEVE:-}"
echo "oracle: $([ "$ORACLE" = live ] && echo "live $SIEVE_TEST" || echo "golden files")"

# Runs wait more than they compute: several workers per CPU.
echo "$SCRIPTS" | xargs -P "${DIFF_JOBS:-$(( $(nproc 2>/dev/null || echo 2) * 4 ))}" -n 1 sh "$0" --worker

if [ "$MODE" = golden ]; then
  rm -f "$HERE"/golden/*.out
  mkdir -p "$HERE/golden"
  for s in $SCRIPTS; do cp "$WORK/golden.$s" "$HERE/golden/${s%.sieve}.out"; done
  echo "golden/ rewritten: $(echo "$SCRIPTS" | wc -l) scripts"
  sh "$HERE/derive-rfc-expected.sh"
  exit 0
fi

cat "$WORK"/diff/* 2>/dev/null || true
cat "$WORK"/res/* | LC_ALL=C sort >"$WORK/all"
agree=$(grep -c '^agree ' "$WORK/all" || true)
disagree=$(grep -c '^disagree ' "$WORK/all" || true)
skip=$(grep -c '^skip ' "$WORK/all" || true)
rfc=$(grep -c '^rfc ' "$WORK/all" || true)
echo "$agree agree, $disagree disagree, $skip skip ($rfc known differences compared with rfc-expected/)"

stale=$(sed -n 's/^stale /  /p' "$WORK/all")
if [ -n "$stale" ]; then
  echo "FAIL: golden/ differs from what sieve-test says now (expected equal); run"
  echo "  tests/differential/run-differential.sh --update-golden   for:"
  echo "$stale" | head -n 20
  exit 1
fi

# Every pair agrees: with sieve-test, or for a known difference with
# rfc-expected/.  A deliberate new difference goes into known-differences.txt
# with its RFC reason (and rfc-expected/), never silently.
if [ "$disagree" -gt 0 ]; then
  echo "FAIL: $disagree pairs disagree (expected none; see the diffs above):"
  sed -n 's/^disagree /  /p' "$WORK/all" | head -n 40
  exit 1
fi
echo "all $agree pairs agree"
