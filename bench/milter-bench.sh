#!/bin/sh
# milter-bench.sh BUILDDIR - message throughput of a real Postfix
# through (a) bench/noop-milter, a libmilter filter that does nothing, and
# (b) prdr-milter with the modules equal and exec (each message to three
# recipients that share one per-user program, so it runs once per message),
# measured in the same run on the same private Postfix instance with
# smtp-source.  Prints messages/second of each and the ratio b/a.
#
# Environment: BENCH_MESSAGES (default 2000), BENCH_SESSIONS (default 10),
# BENCH_SIZE (message length in octets, default 4096).
set -eu
build=${1:-build}
build=$(cd "$build" && pwd)
PRDR_MILTER=$build/src/milter/prdr-milter
PRDR_SOURCE_ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PRDR_MILTER PRDR_SOURCE_ROOT
. "$PRDR_SOURCE_ROOT/tests/e2e/lib.sh"
messages=${BENCH_MESSAGES:-2000}
sessions=${BENCH_SESSIONS:-10}
size=${BENCH_SIZE:-4096}
warmup=$((messages / 10))

e2e_init
command -v smtp-source >/dev/null || e2e_skip "smtp-source (package postfix) is missing"
e2e_postfix_start

# measure LABEL COUNT - COUNT messages through Postfix with smtp-source;
# prints messages/second.
measure () {
  start=$(date +%s.%N)
  smtp-source -s "$sessions" -m "$2" -l "$size" -r 3 \
    -f sender@example.com -t user@example.org "127.0.0.1:$SMTPD_PORT" \
    > "$T/source-$1.log" 2>&1 || { cat "$T/source-$1.log" >&2; e2e_fail "smtp-source ($1) failed"; }
  end=$(date +%s.%N)
  echo "$start $end $2" | awk '{ printf "%.1f\n", $3 / ($2 - $1) }'
}

# (a) the no-op filter.
"$build/bench/noop-milter" "inet:$MILTER_PORT@127.0.0.1" > "$T/noop.log" 2>&1 &
noop_pid=$!
e2e_spawn_register "$noop_pid"
e2e_wait_port "$MILTER_PORT" noop-milter
measure noop-warmup "$warmup" > /dev/null
rate_a=$(measure noop "$messages")
kill -TERM "$noop_pid"
e2e_wait_pid "$noop_pid" 20 || e2e_fail "noop-milter does not stop"

# (b) prdr-milter.  smtp-source -r 3 -t user@... sends to 3user, 2user and
# user: all three share one program, which runs once per message.
e2e_program user <<'EOP'
#!/bin/sh
cat > /dev/null
exit 0
EOP
e2e_program_link 2user user
e2e_program_link 3user user
e2e_exec_config delayed > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"
measure prdr-warmup "$warmup" > /dev/null
rate_b=$(measure prdr-milter "$messages")
e2e_milter_stop

echo "messages: $messages x 3 recipients, $size octets, $sessions sessions"
echo "(a) noop-milter:  $rate_a messages/s"
echo "(b) prdr-milter:  $rate_b messages/s (equal, exec)"
echo "$rate_a $rate_b" | awk '{ printf "ratio b/a: %.3f\n", $2 / $1 }'
