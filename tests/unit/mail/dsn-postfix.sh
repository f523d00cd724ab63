#!/bin/sh
# dsn-postfix.sh - a DSN built by src/mail goes through a real, private
# Postfix: submitted with prdr_mail_submit via Postfix's own sendmail
# (-C the private configuration) with the null sender, relayed to smtp-sink,
# and parsed back with GMime.  Checks: MAIL FROM:<> on the wire, the one
# recipient (the original sender), multipart/report with each recipient's
# own text, ENVID, and the original attached (RET=FULL).
#
# Uses tests/e2e/lib.sh (private Postfix in a slot, stopped by PID at exit);
# lib.sh wants $PRDR_MILTER to exist: no milter takes part here, so it is
# pointed at the tool (Postfix does not run smtpd milters for sendmail
# submissions).
set -eu
TOOL=$1
PRDR_MILTER=$TOOL
. "$(dirname "$0")/../../e2e/lib.sh"
e2e_init
e2e_postfix_start

cat > "$T/original.eml" <<'EOM'
From: Alice <alice@example.org>
To: bob@example.org, carol@example.org
Subject: Lunch on Friday?
Message-ID: <lunch-1@example.org>

Shall we?
EOM

"$TOOL" send "/usr/sbin/sendmail -C $PF_DIR/etc" alice@example.org "$T/original.eml" \
  || e2e_fail "mail-dsn-tool send failed"
e2e_sink_wait 1
[ "$(e2e_sink_count)" -eq 1 ] || e2e_fail "expected 1 message at smtp-sink, got $(e2e_sink_count)"
msg=$(find "$T/sink" -type f | head -n 1)

e2e_expect "$msg" '^X-Mail-Args: <>$' "the DSN's envelope sender is the null sender"
e2e_expect "$msg" '^X-Rcpt-Args: <alice@example\.org>' "the DSN goes to the original sender"
[ "$(grep -c '^X-Rcpt-Args:' "$msg")" -eq 1 ] || e2e_fail "expected exactly 1 DSN recipient"

"$TOOL" check "$msg" > "$T/check.out" || e2e_fail "the received DSN does not parse as a report"
e2e_expect "$T/check.out" '^report$' "multipart/report; report-type=delivery-status"
e2e_expect "$T/check.out" '^envid envid\+42$' "Original-Envelope-Id, xtext-decoded"
e2e_expect "$T/check.out" \
  "^rcpt rfc822; bob@example\.org \| 5\.7\.1 \| smtp; 550 5\.7\.1 bob's own text: looks like spam to me$" \
  "bob's own rejection"
e2e_expect "$T/check.out" \
  '^rcpt rfc822; carol@example\.org \| 5\.7\.0 \| smtp; 554 5\.7\.0 carol does not take mail from you$' \
  "carol's own rejection"
e2e_expect "$T/check.out" '^original Lunch on Friday\?$' "the original attached (RET=FULL)"
e2e_expect "$MAILLOG" 'from=<>' "Postfix logged the null sender"
echo "ok: DSN through Postfix sendmail with MAIL FROM:<>, parsed back"
