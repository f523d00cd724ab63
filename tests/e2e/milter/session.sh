#!/bin/bash
# session.sh - one SMTP connection, several transactions: RSET between them
# (the milter's abort), a transaction whose class is fixed afresh by its own
# first recipient, a client that vanishes in the middle of DATA and one
# that vanishes after RCPT; the daemon keeps answering correctly.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
e2e_postfix_start
e2e_program alice <<'EOP'
#!/bin/sh
cat > /dev/null
EOP
e2e_program bob <<'EOP'
#!/bin/sh
echo "5.7.1 bob does not want this"
exit 1
EOP
e2e_exec_config delayed > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"

# smtp_open / smtp CMD EXPECT_REGEX WHAT / smtp_close: a line-by-line client.
smtp_open () {
  exec 3<>"/dev/tcp/127.0.0.1/$SMTPD_PORT"
  smtp_read '^220 ' "the greeting"
  smtp "EHLO client.test.example" '^250 ' "EHLO"
}
smtp_read () {
  while IFS= read -r -t 60 reply <&3; do
    reply=${reply%$'\r'}
    echo "<- $reply" >> "$T/session.log"
    case $reply in [0-9][0-9][0-9]-*) continue ;; esac
    [[ $reply =~ $1 ]] || e2e_fail "$2: expected /$1/, got '$reply'"
    return 0
  done
  e2e_fail "$2: no reply from Postfix"
}
smtp () {
  echo "-> $1" >> "$T/session.log"
  printf '%s\r\n' "$1" >&3
  smtp_read "$2" "$3"
}
smtp_close () {
  exec 3>&-
}

smtp_open
smtp "MAIL FROM:<sender@example.com>" '^250 ' "first MAIL"
smtp "RCPT TO:<bob@example.org>" '^250 ' "bob first"
smtp "RSET" '^250 ' "RSET"
smtp "MAIL FROM:<sender@example.com>" '^250 ' "MAIL after RSET"
smtp "RCPT TO:<alice@example.org>" '^250 ' "alice first after RSET (bob's class is forgotten)"
smtp "RCPT TO:<bob@example.org>" '^452 4\.5\.3 ' "bob after alice"
smtp "DATA" '^354 ' "DATA"
smtp $'Subject: one\r\n\r\nfirst message\r\n.' '^250 ' "the message for alice"
smtp "MAIL FROM:<sender@example.com>" '^250 ' "second transaction"
smtp "RCPT TO:<bob@example.org>" '^250 ' "bob first in his own transaction"
smtp "DATA" '^354 ' "DATA"
smtp $'Subject: two\r\n\r\nsecond message\r\n.' '^550 5\.7\.1 bob does not want this' \
  "bob's own reply"
smtp "MAIL FROM:<sender@example.com>" '^250 ' "third transaction"
smtp "RCPT TO:<alice@example.org>" '^250 ' "alice"
smtp "DATA" '^354 ' "DATA"
printf 'Subject: cut\r\n\r\nthis message is never finished\r\n' >&3
smtp_close

smtp_open
smtp "MAIL FROM:<sender@example.com>" '^250 ' "a client that leaves after RCPT"
smtp "RCPT TO:<alice@example.org>" '^250 ' "alice"
smtp_close

smtp_open
smtp "MAIL FROM:<sender@example.com>" '^250 ' "after the vanished clients"
smtp "RCPT TO:<alice@example.org>" '^250 ' "alice"
smtp "DATA" '^354 ' "DATA"
smtp $'Subject: three\r\n\r\nlast message\r\n.' '^250 ' "the last message"
smtp "QUIT" '^221 ' "QUIT"
smtp_close

e2e_sink_wait 2
e2e_expect_recipients "alice@example.org alice@example.org" "alice's two complete messages"
e2e_milter_stop
echo "PASS"
