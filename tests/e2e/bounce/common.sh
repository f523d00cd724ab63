# common.sh - shared set-up of the bounce-mode e2e tests (tests/e2e/bounce):
# a private Postfix with smtp-sink (lib.sh), prdr-milter with the modules
# equal and exec and [general] sendmail = Postfix's sendmail on the private
# configuration (so DSNs and deliver-and-reject copies are relayed to
# smtp-sink too), and per-user programs:
#
#   alice  accepts                        bob    rejects "5.7.1 bob does not want this"
#   carol  tempfails "4.2.1 carol's mailbox is busy"
#   dave   delivers to Junk and rejects "5.7.1 dave files this as spam" (exit 10)
#   erin   rejects "5.7.2 erin is away for good"
#   frank  accepts (a program of his own: another class than alice)
#
#   bounce_setup MODE        all of the above, prdr-milter running
#   bounce_send OUT ARGS...  smtp-client.py send (port filled in)
#   bounce_dsns OUT          every DSN at smtp-sink, validated and listed by
#                            bounce-dsn (one "dsn" line per DSN, "rcpt" lines)
#   bounce_expect_dsn_count N
#   bounce_wait_copies N     smtp-sink got N copies, the queue is empty
. "$(dirname "$0")/../lib.sh"

SMTP_CLIENT=${SMTP_CLIENT:-$(dirname "$0")/smtp-client.py}
[ -n "${BOUNCE_DSN:-}" ] || BOUNCE_DSN=$(dirname "$PRDR_MILTER")/../../tests/e2e/bounce/bounce-dsn

bounce_programs () {
  e2e_program alice <<'EOP'
#!/bin/sh
cat > /dev/null
EOP
  e2e_program bob <<'EOP'
#!/bin/sh
echo "5.7.1 bob does not want this"
exit 1
EOP
  e2e_program carol <<'EOP'
#!/bin/sh
echo "4.2.1 carol's mailbox is busy"
exit 75
EOP
  e2e_program dave <<'EOP'
#!/bin/sh
echo "5.7.1 dave files this as spam"
exit 10
EOP
  e2e_program frank <<'EOP'
#!/bin/sh
cat > /dev/null
exit 0
EOP
  e2e_program erin <<'EOP'
#!/bin/sh
echo "5.7.2 erin is away for good"
exit 1
EOP
}

# bounce_config MODE - the configuration on stdout.
bounce_config () {
  e2e_exec_config "$1" | sed "s|^\[general\]\$|[general]\nsendmail = /usr/sbin/sendmail -C $PF_DIR/etc|"
}

bounce_setup () {
  e2e_init
  [ -x /usr/bin/python3 ] || e2e_skip "/usr/bin/python3 is not installed"
  [ -x "$BOUNCE_DSN" ] || e2e_fail "no bounce-dsn helper at $BOUNCE_DSN"
  e2e_postfix_start
  bounce_programs
  bounce_config "$1" > "$T/prdr.conf"
  e2e_milter_start "$T/prdr.conf"
}

bounce_send () {
  out=$1
  shift
  /usr/bin/python3 "$SMTP_CLIENT" send "$SMTPD_PORT" "$@" > "$out" 2>&1 \
    || { cat "$out" >&2; e2e_fail "smtp-client.py send $* failed"; }
}

# bounce_dsn_files - the delivery status reports at smtp-sink (our DSNs).
bounce_dsn_files () {
  grep -l -i 'report-type=.\{0,1\}delivery-status' "$T"/sink/* 2>/dev/null || true
}

bounce_dsns () {
  files=$(bounce_dsn_files)
  : > "$1"
  [ -z "$files" ] || "$BOUNCE_DSN" $files > "$1" || e2e_fail "a DSN is not a valid report"
}

bounce_expect_dsn_count () {
  got=$(bounce_dsn_files | grep -c . || true)
  [ "$got" -eq "$1" ] || e2e_fail "expected $1 DSNs at smtp-sink, got $got"
}

# bounce_wait_copies N - smtp-sink holds N copies (recipients of stored
# messages) and the private queue is empty.
bounce_wait_copies () {
  i=0
  while [ "$(e2e_sink_recipients | grep -c .)" -lt "$1" ] || ! e2e_mta_queue_empty; do
    if [ "$i" -ge $((E2E_WAIT_SECONDS * 10)) ]; then
      postqueue -c "$PF_DIR/etc" -p >&2 || true
      e2e_fail "smtp-sink got $(e2e_sink_recipients | grep -c .) copies, expected $1"
    fi
    [ $((i % 50)) -eq 49 ] && postqueue -c "$PF_DIR/etc" -f >/dev/null 2>&1
    sleep 0.1
    i=$((i + 1))
  done
}
