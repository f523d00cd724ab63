#!/bin/sh
# install-deps.sh - install the Debian packages prdr-milter needs to build,
# run and test, when they are missing.  Idempotent: a machine that has them
# all is left alone (no apt-get update).  Run as root on Debian 12.
#
# Sendmail conflicts with Postfix as a Debian package, so the Sendmail
# end-to-end test uses a private copy: sendmail-bin and sendmail-cf are
# downloaded once and unpacked (never installed) under $SENDMAIL_ROOT
# (TESTBED.md); m4 builds its .cf, the libraries are sendmail's own.
set -eu

SENDMAIL_ROOT=${SENDMAIL_ROOT:-/var/cache/prdr-milter/sendmail-root}

packages="
  meson ninja-build pkg-config gcc clang libclang-rt-14-dev
  libglib2.0-dev libgmime-3.0-dev libmilter-dev libsqlite3-dev
  unixodbc unixodbc-dev odbc-postgresql libssl-dev libpcre2-dev
  postfix swaks sqlite3 postgresql dovecot-core dovecot-sieve
  procps psmisc xxd
  m4 libdb5.3 libldap-2.5-0 libnsl2 libsasl2-2 libwrap0
"

missing=""
for package in $packages; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $package"
  fi
done
[ -z "$missing" ] && [ -x "$SENDMAIL_ROOT/usr/libexec/sendmail/sendmail" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: missing packages:$missing (run as root to install them)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if [ -n "$missing" ]; then
  echo "install-deps.sh: installing$missing"
  # Postfix asks how it should be configured; the tests run private
  # instances and need only its programs and a main.cf: the plain default.
  echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
  echo "postfix postfix/mailname string localhost" | debconf-set-selections
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
fi

if [ ! -x "$SENDMAIL_ROOT/usr/libexec/sendmail/sendmail" ]; then
  echo "install-deps.sh: unpacking a private Sendmail under $SENDMAIL_ROOT"
  debs=$(mktemp -d)
  # apt's download sandbox user must be able to write the directory
  chown _apt "$debs" 2>/dev/null || true
  (cd "$debs" && { apt-get download -q sendmail-bin sendmail-cf \
                   || { apt-get update -q && apt-get download -q sendmail-bin sendmail-cf; }; })
  rm -rf "$SENDMAIL_ROOT.new"
  mkdir -p "$SENDMAIL_ROOT.new"
  for deb in "$debs"/*.deb; do
    dpkg-deb -x "$deb" "$SENDMAIL_ROOT.new"
  done
  rm -rf "$debs" "$SENDMAIL_ROOT"
  mv "$SENDMAIL_ROOT.new" "$SENDMAIL_ROOT"
fi
