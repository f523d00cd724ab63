#!/bin/sh
# big.sh - a 20 MB message passes, and prdr-milter's memory does not grow
# with the message: the peak resident size (VmHWM) grows by less than 2 MB
# between a warm-up message and the 20 MB one (the message is spooled to a
# file, never held in memory).
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
e2e_postfix_start
e2e_program alice <<'EOP'
#!/bin/sh
cat > /dev/null
EOP
e2e_exec_config delayed > "$T/prdr.conf"
# Under AddressSanitizer freed memory is held in a quarantine that would
# count as growth; it is not the program's own use.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0"
export ASAN_OPTIONS
e2e_milter_start "$T/prdr.conf"

message () {   # message FILE MEGABYTES
  { printf 'From: sender@example.com\nTo: alice@example.org\nSubject: %s MB\n\n' "$2"
    yes 'The quick brown fox jumps over the lazy dog. 0123456789 ABCDEFGHIJKLMNOPQRSTU' \
      | head -c $(($2 * 1024 * 1024)); } > "$1"
}
message "$T/warm.eml" 1
message "$T/big.eml" 20

e2e_swaks "$T/warm" -n --from sender@example.com --to alice@example.org --data "@$T/warm.eml" \
  || e2e_fail "swaks with the warm-up message failed (status $?)"
e2e_expect "$T/warm" '^<- +250 .*queued' "the warm-up message"
before=$(e2e_milter_rss VmHWM)

e2e_swaks "$T/big" -n --from sender@example.com --to alice@example.org --data "@$T/big.eml" \
  || e2e_fail "swaks with the 20 MB message failed (status $?)"
e2e_expect "$T/big" '^<- +250 .*queued' "the 20 MB message"
after=$(e2e_milter_rss VmHWM)
growth=$((after - before))
echo "VmHWM before ${before} kB, after ${after} kB, growth ${growth} kB"
[ "$growth" -lt 2048 ] \
  || e2e_fail "prdr-milter's peak RSS grew by $growth kB with a 20 MB message, expected < 2048 kB"

e2e_sink_wait 2
size=$(find "$T/sink" -type f -size +20000k | wc -l)
[ "$size" -eq 1 ] || e2e_fail "smtp-sink has $size messages above 20000 kB, expected 1"
e2e_milter_stop
echo "PASS"
