#!/bin/sh
# hostile.sh - messages with NUL bytes, 8-bit header bytes (UTF-8 and
# Latin-1) and a 1 MB header line pass without harm: each is answered 250
# and delivered, and the daemon answers the next message normally.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
# Let Postfix take the 1 MB header (its default cuts headers at 100 kB);
# with milters configured Postfix itself then passes about 60 kB of it on.
e2e_postfix_start "header_size_limit = 2000000"
e2e_program alice <<'EOP'
#!/bin/sh
cat > /dev/null
EOP
e2e_exec_config delayed > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"

printf 'From: sender@example.com\nSubject: NUL bytes\n\nbefore\000after\n\000\000\000\nend\n' \
  > "$T/nul.eml"
printf 'From: =?x?= J\303\274rgen <sender@example.com>\nSubject: caf\351 na\303\257ve \377\376\nX-Raw: \200\201\202\n\nbody\n' \
  > "$T/8bit.eml"
{ printf 'From: sender@example.com\nSubject: long header\nX-Long: '
  head -c 1048576 /dev/zero | tr '\0' 'a'
  printf '\n\nbody\n'; } > "$T/long.eml"

n=0
for kind in nul 8bit long; do
  e2e_swaks "$T/$kind.out" -n --from sender@example.com --to alice@example.org \
    --data "@$T/$kind.eml" || e2e_fail "swaks with the $kind message failed (status $?)"
  e2e_expect "$T/$kind.out" '^<- +250 .*queued' "the $kind message"
  kill -0 "$MILTER_PID" 2>/dev/null || e2e_fail "prdr-milter died on the $kind message"
  n=$((n + 1))
done

e2e_swaks "$T/plain.out" --from sender@example.com --to alice@example.org \
  || e2e_fail "swaks with a plain message failed (status $?)"
e2e_expect_reply "$T/plain.out" "." '^<- +250 ' "a plain message afterwards"
e2e_sink_wait $((n + 1))
for subject in 'NUL bytes' 'caf' 'long header'; do
  grep -l "^Subject: $subject" "$T"/sink/* >/dev/null \
    || e2e_fail "smtp-sink has no message with Subject: $subject"
done
e2e_milter_stop
echo "PASS"
