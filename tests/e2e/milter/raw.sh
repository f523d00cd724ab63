#!/bin/sh
# raw.sh - prdr-milter against milter-protocol input that no MTA sends
# (milter-raw.c: a 1 MB header, NUL bytes, ABORT mid-transaction, a 2 GB
# packet length, a cut-off packet, garbage): every scenario is answered as
# expected or dropped, and the daemon keeps serving.
set -eu
. "$(dirname "$0")/../lib.sh"
e2e_init
[ -x "${MILTER_RAW:-}" ] || e2e_fail "no milter-raw client (MILTER_RAW)"
e2e_slot_take
e2e_port_next MILTER_PORT
e2e_program alice <<'EOP'
#!/bin/sh
cat > /dev/null
EOP
e2e_program_link carol alice
e2e_exec_config delayed > "$T/prdr.conf"
e2e_milter_start "$T/prdr.conf"
"$MILTER_RAW" "$MILTER_PORT" > "$T/raw.out" 2>&1 || { cat "$T/raw.out" >&2; e2e_fail "milter-raw reported failures"; }
cat "$T/raw.out"
kill -0 "$MILTER_PID" 2>/dev/null || e2e_fail "prdr-milter died"
e2e_milter_stop
echo "PASS"
