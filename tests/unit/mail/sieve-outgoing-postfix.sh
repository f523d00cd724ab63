#!/bin/sh
# sieve-outgoing-postfix.sh - Sieve's redirected copies and mailto
# notifications built by src/mail (redirect.h, notify-mailto.h) go through a
# real, private Postfix: submitted via Postfix's own sendmail (-C the private
# configuration), relayed to smtp-sink.  Checks on the wire: the forward-path
# in RFC 5321 form, the envelope sender per configuration and the null
# sender kept (RFC 5228 4.2, RFC 5436 2.7), X-Sieve-Redirected-From, a loop
# not sent, and a notification's recipients, Auto-Submitted and UTF-8 name.
#
# Uses tests/e2e/lib.sh (private Postfix in a slot, stopped by PID at exit);
# lib.sh wants $PRDR_MILTER to exist: no milter takes part, so it is pointed
# at the tool.
set -eu
TOOL=$1
PRDR_MILTER=$TOOL
. "$(dirname "$0")/../../e2e/lib.sh"
e2e_init
e2e_postfix_start
SENDMAIL="/usr/sbin/sendmail -C $PF_DIR/etc"

cat > "$T/original.eml" <<'EOM'
Return-Path: <sirius@example.org>
From: stephan@example.org
To: tss@example.net
Subject: Frop!
Message-ID: <frop-1@example.org>

Frop!
EOM
printf 'X-Sieve-Redirected-From: timo@example.net\n' | cat - "$T/original.eml" > "$T/looped.eml"
printf 'Auto-Submitted: auto-replied\n' | cat - "$T/original.eml" > "$T/automatic.eml"

# the message file smtp-sink stored for recipient $1
sink_file () {
  grep -l -F "X-Rcpt-Args: <$1>" $(find "$T/sink" -type f) | head -n 1
}

"$TOOL" redirect "$SENDMAIL" sirius@example.org timo@example.net "" '"Sirius"@example.net' \
  "$T/original.eml" || e2e_fail "redirect failed"
"$TOOL" redirect "$SENDMAIL" "" timo@example.net "<backscatter@example.net>" \
  '"S[r]us"@example.net' "$T/original.eml" || e2e_fail "redirect of a bounce failed"
"$TOOL" redirect "$SENDMAIL" sirius@example.org timo@example.net "recipient" \
  cras@example.net "$T/original.eml" || e2e_fail "redirect from the recipient failed"
set +e
"$TOOL" redirect "$SENDMAIL" sirius@example.org timo@example.net "" loop@example.net \
  "$T/looped.eml" 2> "$T/loop.err"; rc=$?
"$TOOL" notify "$SENDMAIL" sirius@example.org timo@example.net "mailto:a@example.net" \
  "$T/automatic.eml" 2> "$T/auto.err"; rc2=$?
set -e
[ "$rc" -eq 3 ] || e2e_fail "a looping redirect: expected exit 3 (nothing sent), got $rc"
e2e_expect "$T/loop.err" 'mail loop' "the loop is named"
[ "$rc2" -eq 3 ] || e2e_fail "notification of an automatic message: expected exit 3, got $rc2"
"$TOOL" notify "$SENDMAIL" sirius@example.org timo@example.net \
  "mailto:n1@example.net?cc=%3D%3Futf-8%3Fq%3FG%3DC3%3DBCnther%3F%3D%20%3Cn2%40example.net%3E&subject=New%20mail" \
  "$T/original.eml" || e2e_fail "notify failed"

e2e_sink_wait 4
[ "$(e2e_sink_count)" -eq 4 ] || e2e_fail "expected 4 messages at smtp-sink, got $(e2e_sink_count)"

m=$(sink_file Sirius@example.net)
[ -n "$m" ] || e2e_fail "no copy for <Sirius@example.net> (the quoted local part unquoted)"
e2e_expect "$m" '^X-Mail-Args: <sirius@example\.org>$' "the copy keeps the original sender"
e2e_expect "$m" '^X-Sieve-Redirected-From: timo@example\.net$' "X-Sieve-Redirected-From"
e2e_expect "$m" '^Subject: Frop!$' "the copy's own header"
e2e_expect_not "$m" '^Return-Path: <sirius' "Return-Path dropped from the copy"

m=$(sink_file '"S[r]us"@example.net')
[ -n "$m" ] || e2e_fail "no copy for <\"S[r]us\"@example.net>"
e2e_expect "$m" '^X-Mail-Args: <>$' "a bounce is redirected with the null sender"

m=$(sink_file cras@example.net)
e2e_expect "$m" '^X-Mail-Args: <timo@example\.net>$' "sender source 'recipient'"

m=$(sink_file n1@example.net)
[ -n "$m" ] || e2e_fail "no notification for <n1@example.net>"
[ "$m" = "$(sink_file n2@example.net)" ] || e2e_fail "To and Cc not in one transaction"
e2e_expect "$m" '^X-Mail-Args: <postmaster@example\.net>$' "notification sender: the postmaster"
e2e_expect "$m" '^Auto-Submitted: auto-notified; owner-email="timo@example\.net"$' \
  "Auto-Submitted: auto-notified with owner-email"
e2e_expect "$m" '^Cc: =\?UTF-8\?Q\?G=C3=BCnther\?= <n2@example\.net>$' "the UTF-8 name encoded"
e2e_expect "$m" '^Subject: New mail$' "subject from the URI"
echo "ok: redirects and a notification through Postfix sendmail, envelopes checked on the wire"
