#!/bin/sh
# soak.sh MODE - $SOAK_COUNT (default 2000) messages through bounce mode
# MODE, each to 4 of 6 users with a seeded random verdict per recipient
# (accept, reject, deliver-to-Junk-and-reject, tempfail once), sent by
# smtp-client.py which retries 4xx answers as an MTA would; then the
# invariant over all of them (smtp-client.py check): every recipient
# delivered exactly once, or the sender got its own text in a reply or a
# DSN (no-ndr: or dropped silently; never a DSN).  The seed ($SOAK_SEED,
# default 4242) makes a failure reproducible.
set -eu
MODE=$1
. "$(dirname "$0")/common.sh"
COUNT=${SOAK_COUNT:-2000}
SEED=${SOAK_SEED:-4242}
e2e_init
[ -x /usr/bin/python3 ] || e2e_skip "/usr/bin/python3 is not installed"
e2e_postfix_start "smtpd_error_sleep_time = 0" "smtpd_soft_error_limit = 1000000" \
  "smtpd_hard_error_limit = 1000000"
mkdir -p "$T/soakstate" && chmod 1777 "$T/soakstate"
for u in u0 u1 u2 u3 u4 u5; do
  sed -e "s/@ME@/$u/g" -e "s|@STATE@|$T/soakstate|g" <<'EOP' | e2e_program "$u"
#!/usr/bin/awk -f
# the verdict for @ME@ is in the message's X-Soak-@ME@ header (one awk run:
# the soak measures prdr-milter, not shell start-ups)
{ sub(/\r$/, "") }
/^$/ { exit }
tolower($1) == "message-id:" { id = $2 }
$1 == "X-Soak-@ME@:" { v = $2 }
END {
  if (v == "reject") { print "5.7.1 @ME@ rejects " id; exit 1 }
  if (v == "junk") { print "5.7.1 @ME@ files " id " as spam"; exit 10 }
  if (v == "tempfail") {
    f = id; gsub(/[^a-z0-9-]/, "_", f); f = "@STATE@/" f "-@ME@"
    if ((getline line < f) >= 0) exit 0
    printf "" > f
    print "4.2.1 @ME@ is busy with " id; exit 75
  }
  exit 0
}
EOP
done
bounce_config "$MODE" > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"
/usr/bin/python3 "$SMTP_CLIENT" soak "$SMTPD_PORT" "$SEED" "$COUNT" "$T/journal" \
  || e2e_fail "the soak client failed"
bounce_wait_copies 1
bounce_dsns "$T/dsn"
e2e_milter_stop
/usr/bin/python3 "$SMTP_CLIENT" check "$MODE" "$T/journal" "$T/sink" "$T/dsn" > "$T/check" 2>&1 \
  || { cat "$T/check" >&2; e2e_fail "the invariant does not hold in mode $MODE"; }
echo "soak mode=$MODE seed=$SEED $(cat "$T/check")"
echo "PASS"
