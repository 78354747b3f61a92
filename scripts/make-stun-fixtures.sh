#!/usr/bin/env bash
# Regenerates the STUN/TURN/ICE fixtures in tests/testdata/stun/ from real traffic (see the README there).
#
#   ice.pcap         two aioice agents (Debian python3-aioice) running ICE against each other, with coturn as their
#                    STUN and TURN server: connectivity checks with USERNAME, PRIORITY, ICE-CONTROLLING/-CONTROLLED,
#                    USE-CANDIDATE, MESSAGE-INTEGRITY and FINGERPRINT over IPv4 and IPv6, then checks relayed through
#                    a TURN allocation as ChannelData on channel 0x4000.
#   turn-ipv6.pcap   coturn's own clients over IPv6: turnutils_stunclient -f (RFC 5780: CHANGE-REQUEST, RESPONSE-PORT,
#                    PADDING, OTHER-ADDRESS), turnutils_uclient -x (IPv6 relays, DONT-FRAGMENT, padded ChannelData),
#                    -Z (dual allocation: ADDITIONAL-ADDRESS-FAMILY, ADDRESS-ERROR-CODE, error 443) and -M (MOBILITY-TICKET,
#                    error 440).
#
# Each capture runs in a network namespace of its own, made and deleted by this script, on its loopback interface with
# documentation addresses added to it (RFC 5737 198.51.100.0/24, RFC 3849 2001:db8::/32): nothing leaves the machine
# and nothing else on the host shows up in the files. tcpdump writes Ethernet-framed (EN10MB) classic pcap, as `lo`
# gives.
#
# Needs root, iproute2, tcpdump, coturn (turnserver, turnutils_stunclient, turnutils_uclient) and python3-aioice
# (`apt-get install python3-aioice`; run with Debian's /usr/bin/python3). About 25 s.
#
# Usage: sudo bash scripts/make-stun-fixtures.sh [OUT_DIR]   (default tests/testdata/stun)
# Do not regenerate the committed files casually: src/protocols/stun/_fixtures.ts quotes their frames byte for byte
# (transaction IDs, ports and ufrags are random and change every run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/tests/testdata/stun}"
PREFIX="npstun$$"
WORK="$(mktemp -d /tmp/netpix-stun.XXXXXX)"
PIDS=()
PYTHON=/usr/bin/python3

log() { printf 'make-stun-fixtures: %s\n' "$*" >&2; }

cleanup() {
  local rc=$? pid ns
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  for ns in $(ip netns list | awk '{print $1}' | grep "^$PREFIX-" || true); do ip netns del "$ns" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ]; then
    log "failed (rc=$rc); last log lines:"
    tail -n 5 "$WORK"/*.log >&2 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in ip ss tcpdump turnserver turnutils_stunclient turnutils_uclient timeout "$PYTHON"; do
  command -v "$tool" >/dev/null || {
    log "missing $tool"
    exit 1
  }
done
"$PYTHON" -c 'import aioice' 2>/dev/null || {
  log "missing aioice for $PYTHON (apt-get install python3-aioice)"
  exit 1
}
if [ "$(id -u)" != 0 ]; then
  log "must run as root (network namespaces, tcpdump)"
  exit 1
fi
mkdir -p "$OUT"

# wait_for FILE PATTERN: waits until FILE contains PATTERN (tcpdump's "listening on").
wait_for() {
  local file=$1 pattern=$2
  for _ in $(seq 1 200); do
    if grep -q "$pattern" "$file" 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  log "timed out waiting for '$pattern' in $file"
  return 1
}

# wait_udp NAME ADDRESS: waits until a UDP socket in namespace NAME is bound to ADDRESS (e.g. "[2001:db8::2]:3478").
wait_udp() {
  local ns="$PREFIX-$1" address=$2
  for _ in $(seq 1 200); do
    if ip netns exec "$ns" ss -Hlun | awk '{print $4}' | grep -qxF "$address"; then return 0; fi
    sleep 0.05
  done
  log "timed out waiting for a UDP socket on $address in $ns"
  return 1
}

# namespace NAME ADDRESS...: a namespace whose loopback also holds the given addresses.
namespace() {
  local ns="$PREFIX-$1" address
  shift
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  for address in "$@"; do
    case "$address" in
    *:*) ip -n "$ns" addr add "$address/128" dev lo nodad ;;
    *) ip -n "$ns" addr add "$address/32" dev lo ;;
    esac
  done
}

# run_in NAME CMD...: runs CMD in namespace NAME.
run_in() {
  local ns="$PREFIX-$1"
  shift
  ip netns exec "$ns" "$@"
}

# start NAME LOG CMD...: runs CMD in namespace NAME in the background, remembering its pid. `ip netns exec` execs
# CMD in its own process, so that pid is CMD's (a function or subshell in between would get the signal instead).
start() {
  local ns="$PREFIX-$1" logfile=$2
  shift 2
  ip netns exec "$ns" "$@" >"$logfile" 2>&1 &
  PIDS+=($!)
}

# stop PID: ends one of our background processes and waits for it.
stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

TURN_ARGS=(-n --lt-cred-mech --user=netpix:netpix --realm=netpix.local --no-tls --no-dtls --no-tcp --no-cli
  --fingerprint --min-port=49160 --max-port=49199 --log-file=stdout --pidfile="$WORK/turnserver.pid")

# ---------------------------------------------------------------------------------------------------------------------
# ice.pcap: aioice agents a (controlling) and b (controlled) in one namespace, coturn on 198.51.100.10:3478.
cat >"$WORK/ice.py" <<'PY'
import asyncio
import sys

import aioice

SERVER = sys.argv[1]
PAYLOAD = b"netpix ice fixture"


async def session(relay_only=False, **options):
    families = {k: v for k, v in options.items() if k.startswith("use_ipv")}
    a = aioice.Connection(ice_controlling=True, **options)
    b = aioice.Connection(ice_controlling=False, **families)
    await a.gather_candidates()
    await b.gather_candidates()
    if relay_only:
        # Only a's TURN allocation takes part, so each of a's checks goes through the relay as ChannelData.
        a._protocols = [p for p in a._protocols if p.local_candidate.type == "relay"]
    for candidate in b.local_candidates:
        await a.add_remote_candidate(candidate)
    await a.add_remote_candidate(None)
    for candidate in a.local_candidates:
        await b.add_remote_candidate(candidate)
    await b.add_remote_candidate(None)
    a.remote_username, a.remote_password = b.local_username, b.local_password
    b.remote_username, b.remote_password = a.local_username, a.local_password
    await asyncio.wait_for(asyncio.gather(a.connect(), b.connect()), 15)
    await a.send(PAYLOAD)
    assert await asyncio.wait_for(b.recv(), 5) == PAYLOAD
    await a.close()
    await b.close()
    await asyncio.sleep(0.2)


async def main():
    # 1. IPv4 host candidates, plus a server-reflexive one from a STUN Binding to coturn.
    await session(use_ipv6=False, stun_server=(SERVER, 3478))
    # 2. IPv6 host candidates only: the checks' responses carry IPv6 XOR-MAPPED-ADDRESS.
    await session(use_ipv4=False)
    # 3. a relays through a TURN allocation (Allocate, ChannelBind, then checks inside ChannelData).
    await session(use_ipv6=False, turn_server=(SERVER, 3478), turn_username="netpix", turn_password="netpix",
                  transport_policy=aioice.TransportPolicy.RELAY, relay_only=True)
    print("ice done")


asyncio.run(main())
PY

namespace ice 198.51.100.1 198.51.100.10 2001:db8::1
start ice "$WORK/ice-tcpdump.log" tcpdump -n -i lo -U --immediate-mode -Z root -w "$WORK/ice.pcap" udp
TCPDUMP=${PIDS[-1]}
wait_for "$WORK/ice-tcpdump.log" "listening on"
start ice "$WORK/ice-turnserver.log" turnserver "${TURN_ARGS[@]}" -L 198.51.100.10 --relay-ip=198.51.100.10
TURNSERVER=${PIDS[-1]}
wait_udp ice 198.51.100.10:3478
log "ice.pcap: aioice host/srflx over IPv4, host over IPv6, relayed through TURN"
run_in ice timeout 60 "$PYTHON" "$WORK/ice.py" 198.51.100.10 >"$WORK/ice.log" 2>&1
grep -q "ice done" "$WORK/ice.log"
stop "$TURNSERVER"
sleep 0.5
stop "$TCPDUMP"

# ---------------------------------------------------------------------------------------------------------------------
# turn-ipv6.pcap: coturn listening on 2001:db8::1 and ::2 (two addresses, so it answers RFC 5780 tests), relaying on ::1.
namespace turn6 2001:db8::1 2001:db8::2
start turn6 "$WORK/turn6-tcpdump.log" tcpdump -n -i lo -U --immediate-mode -Z root -w "$WORK/turn-ipv6.pcap" udp
TCPDUMP=${PIDS[-1]}
wait_for "$WORK/turn6-tcpdump.log" "listening on"
start turn6 "$WORK/turn6-turnserver.log" turnserver "${TURN_ARGS[@]}" -L 2001:db8::1 -L 2001:db8::2 \
  --relay-ip=2001:db8::1 --mobility --allow-loopback-peers
TURNSERVER=${PIDS[-1]}
wait_udp turn6 "[2001:db8::2]:3478"
log "turn-ipv6.pcap: stunclient -f; uclient -x -g -D; uclient -Z; uclient -M"
run_in turn6 timeout 20 turnutils_stunclient -f 2001:db8::1 >"$WORK/stunclient.log" 2>&1
run_in turn6 timeout 20 turnutils_uclient -u netpix -w netpix -y -c -x -g -D -n 1 -l 41 -z 50 -m 1 2001:db8::1 \
  >"$WORK/uclient-x.log" 2>&1
# -Z asks for an IPv4 relay plus an IPv6 one; the server has only IPv6 relays, so it answers with ADDRESS-ERROR-CODE
# for IPv4. -M asks for an IPv4 relay with a mobility ticket and gets error 440. Both clients then give up (exit 255).
run_in turn6 timeout 20 turnutils_uclient -u netpix -w netpix -Z -n 1 -l 40 -m 1 -e 2001:db8::2 -r 3480 2001:db8::1 \
  >"$WORK/uclient-Z.log" 2>&1 || true
run_in turn6 timeout 20 turnutils_uclient -u netpix -w netpix -M -y -c -n 1 -l 40 -m 1 2001:db8::1 \
  >"$WORK/uclient-M.log" 2>&1 || true
stop "$TURNSERVER"
sleep 0.5
stop "$TCPDUMP"

for file in ice.pcap turn-ipv6.pcap; do
  [ -s "$WORK/$file" ] || {
    log "$file is empty"
    exit 1
  }
  mv "$WORK/$file" "$OUT/$file"
  log "wrote $OUT/$file ($(stat -c %s "$OUT/$file") bytes)"
done
