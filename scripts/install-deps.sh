#!/bin/sh
# install-deps.sh - install the Debian packages prdr-milter needs to build,
# run and test, when they are missing.  Idempotent: a machine that has them
# all is left alone (no apt-get update).  Run as root on Debian 12.
set -eu

packages="
  meson ninja-build pkg-config gcc clang libclang-rt-14-dev
  libglib2.0-dev libgmime-3.0-dev libmilter-dev libsqlite3-dev
  unixodbc unixodbc-dev odbc-postgresql libssl-dev libpcre2-dev
  postfix swaks sqlite3 postgresql dovecot-core dovecot-sieve
  procps psmisc xxd
"

missing=""
for package in $packages; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $package"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: missing packages:$missing (run as root to install them)" >&2
  exit 1
fi
echo "install-deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how it should be configured; the tests run private instances
# and need only its programs and a main.cf, so take the plain default.
echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
echo "postfix postfix/mailname string localhost" | debconf-set-selections
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
