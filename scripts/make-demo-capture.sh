#!/usr/bin/env bash
# Builds tests/testdata/demo.pcap: a short loopback capture of real senders, for tests and demos.
#   - ffmpeg RTP: H.264 video -> 127.0.0.1:5004 (RTCP 5005), Opus audio -> 127.0.0.1:5006 (RTCP 5007);
#     the SDP ffmpeg writes goes to tests/testdata/demo.sdp
#   - ffmpeg MPEG-TS over UDP (H.264 + AAC) -> 127.0.0.1:1234
#   - coturn turnserver on 127.0.0.1:3478 (relay ports 49160-49199), driven by turnutils_stunclient
#     (plain Binding) and turnutils_uclient (Allocate with 401 challenge, CreatePermission, ChannelBind,
#     ChannelData, Send/Data indications, Refresh)
# A node:dgram sink listens on 5004-5007 and 1234 so the capture holds no ICMP port-unreachable noise.
# Needs root (tcpdump on lo), tcpdump, ffmpeg (libx264, libopus), coturn, node, ss. Runs in about 15-25 s;
# set DEMO_KEEP_WORK=1 to keep the temp dir with all the tools' logs.
# Idempotent: outputs are written to a temp dir and moved into place at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_DIR="$ROOT/tests/testdata"
PCAP="$OUT_DIR/demo.pcap"
SDP="$OUT_DIR/demo.sdp"
DURATION="${DEMO_DURATION:-11}" # seconds each ffmpeg sender runs; ffmpeg sends an RTCP SR every ~5 s

VIDEO_PORT=5004 AUDIO_PORT=5006 TS_PORT=1234 TURN_PORT=3478 RELAY_MIN=49160 RELAY_MAX=49199
BPF="udp and (port $VIDEO_PORT or port $((VIDEO_PORT + 1)) or port $AUDIO_PORT or port $((AUDIO_PORT + 1)) \
or port $TS_PORT or port $TURN_PORT or portrange $RELAY_MIN-$RELAY_MAX)"

log() { printf 'make-demo-capture: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for t in tcpdump ffmpeg turnserver turnutils_uclient turnutils_stunclient node ss timeout; do
  command -v "$t" >/dev/null 2>&1 || die "$t not found (run scripts/setup.sh)"
done
[ "$(id -u)" -eq 0 ] || die "must run as root (tcpdump on lo)"
ENCODERS="$(ffmpeg -hide_banner -encoders 2>/dev/null)"
grep -q ' libx264 ' <<<"$ENCODERS" || die "ffmpeg lacks libx264"
grep -q ' libopus ' <<<"$ENCODERS" || die "ffmpeg lacks libopus"

# refuse to run when something else already uses the demo's ports (it would end up in the capture)
busy="$(ss -Hlun | awk -v lo=$RELAY_MIN -v hi=$RELAY_MAX '{n = split($4, a, ":"); p = a[n] + 0;
  if (p == 5004 || p == 5005 || p == 5006 || p == 5007 || p == 1234 || p == 3478 || (p >= lo && p <= hi)) print $4}')"
[ -z "$busy" ] || die "UDP ports already in use: $(echo $busy)"

WORK="$(mktemp -d /tmp/netpix-demo.XXXXXX)"
PIDS=()
cleanup() {
  local rc=$?
  # stop our own background processes (by pid, newest first); tcpdump is stopped last so it flushes
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
  done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ] && [ -d "$WORK" ]; then
    log "failed (rc=$rc); last log lines:"
    tail -n 5 "$WORK"/*.log >&2 2>/dev/null || true
  fi
  if [ -n "${DEMO_KEEP_WORK:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for FILE PATTERN TIMEOUT_S: poll a log until a line matches
wait_for() {
  local f=$1 pat=$2 n=$(($3 * 10))
  while ((n-- > 0)); do
    grep -q -- "$pat" "$f" 2>/dev/null && return 0
    sleep 0.1
  done
  die "timed out waiting for '$pat' in $(basename "$f")"
}

# 1. UDP sink for the media ports (the TURN ports are served by turnserver itself)
cat >"$WORK/sink.mjs" <<'EOF'
import dgram from "node:dgram";
const ports = process.argv.slice(2).map(Number);
let ready = 0;
for (const port of ports) {
  const s = dgram.createSocket("udp4");
  s.on("message", () => {});
  s.bind(port, "127.0.0.1", () => { if (++ready === ports.length) console.log("sink ready"); });
}
EOF
node "$WORK/sink.mjs" $VIDEO_PORT $((VIDEO_PORT + 1)) $AUDIO_PORT $((AUDIO_PORT + 1)) $TS_PORT >"$WORK/sink.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/sink.log" "sink ready" 5

# 2. TURN server (no config file, static long-term credential, loopback relays and peers allowed)
turnserver -n --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port=$TURN_PORT \
  --min-port=$RELAY_MIN --max-port=$RELAY_MAX --lt-cred-mech --user=netpix:netpix --realm=netpix.local \
  --fingerprint --allow-loopback-peers --no-tls --no-dtls --no-tcp --no-cli --no-software-attribute \
  --userdb="$WORK/turndb" --pidfile="$WORK/turnserver.pid" --log-file="$WORK/turnserver.log" \
  --simple-log --no-stdout-log >"$WORK/turnserver.out" 2>&1 &
PIDS+=($!)
# the log file name may get a suffix; wait until the UDP listener is bound
for _ in $(seq 50); do
  ss -Hlun "sport = :$TURN_PORT" 2>/dev/null | grep -q . && break
  sleep 0.1
done
ss -Hlun "sport = :$TURN_PORT" | grep -q . || die "turnserver did not bind 127.0.0.1:$TURN_PORT"
kill -0 "${PIDS[-1]}" 2>/dev/null || die "turnserver exited"

# 3. capture
# --immediate-mode: without it packets still sitting in the kernel ring's current block (up to ~1 s)
# are lost when tcpdump is stopped
tcpdump -i lo --immediate-mode -U -n -w "$WORK/demo.pcap" "$BPF" >"$WORK/tcpdump.log" 2>&1 &
TCPDUMP_PID=$!
PIDS=("$TCPDUMP_PID" "${PIDS[@]}") # first in list = killed last
wait_for "$WORK/tcpdump.log" "listening on lo" 5
sleep 0.3

# 4. senders
ffmpeg -hide_banner -nostdin -loglevel error -re \
  -t "$DURATION" -f lavfi -i "testsrc=size=320x240:rate=20" \
  -t "$DURATION" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
  -map 0:v -c:v libx264 -preset ultrafast -tune zerolatency -profile:v baseline -pix_fmt yuv420p \
  -b:v 250k -maxrate 250k -bufsize 250k -g 40 -flags:v +global_header -x264-params repeat-headers=1 \
  -metadata title="netpix demo" -ssrc 287454020 -seq 1000 -cname netpix-demo@127.0.0.1 -payload_type 96 -f rtp "rtp://127.0.0.1:$VIDEO_PORT?pkt_size=1200" \
  -map 1:a -c:a libopus -b:a 32k -ac 1 -ar 48000 -application audio -frame_duration 20 \
  -ssrc 1432778632 -seq 30000 -cname netpix-demo@127.0.0.1 -payload_type 111 -f rtp "rtp://127.0.0.1:$AUDIO_PORT" \
  -sdp_file "$WORK/demo.sdp" >"$WORK/ffmpeg-rtp.log" 2>&1 &
RTP_PID=$!
PIDS+=("$RTP_PID")

ffmpeg -hide_banner -nostdin -loglevel error -re \
  -t "$DURATION" -f lavfi -i "testsrc2=size=320x240:rate=25" \
  -t "$DURATION" -f lavfi -i "sine=frequency=660:sample_rate=48000" \
  -map 0:v -c:v libx264 -preset ultrafast -tune zerolatency -pix_fmt yuv420p -b:v 200k -maxrate 200k -bufsize 200k -g 50 \
  -map 1:a -c:a aac -b:a 48k -ac 1 \
  -f mpegts -muxrate 400k -mpegts_service_id 1 -metadata service_name=netpix-demo -metadata service_provider=netpix \
  "udp://127.0.0.1:$TS_PORT?pkt_size=1316" >"$WORK/ffmpeg-ts.log" 2>&1 &
TS_PID=$!
PIDS+=("$TS_PID")

# 5. STUN/TURN exchanges while the media runs (each client bounded by timeout; a uclient run takes ~3-7 s)
# uclient flags: -y two clients relaying to each other, -c no extra RTCP allocations, -X IPv4 relay,
# -n 5 messages of -l 120 bytes every -z 100 ms; -s uses Send/Data indications instead of ChannelData
sleep 1
timeout 10 turnutils_stunclient -p $TURN_PORT 127.0.0.1 >"$WORK/stunclient.log" 2>&1 || die "turnutils_stunclient failed"
sleep 1
timeout 20 turnutils_uclient -p $TURN_PORT -u netpix -w netpix -y -c -X -n 5 -l 120 -z 100 -m 1 127.0.0.1 \
  >"$WORK/uclient-channel.log" 2>&1 || die "turnutils_uclient (ChannelData) failed"
sleep 1
timeout 20 turnutils_uclient -p $TURN_PORT -u netpix -w netpix -y -c -X -s -n 5 -l 120 -z 100 -m 1 127.0.0.1 \
  >"$WORK/uclient-send.log" 2>&1 || die "turnutils_uclient (Send/Data indications) failed"
sleep 1
timeout 10 turnutils_stunclient -p $TURN_PORT 127.0.0.1 >>"$WORK/stunclient.log" 2>&1 || die "turnutils_stunclient failed"

wait "$RTP_PID" || die "ffmpeg RTP sender failed: $(cat "$WORK/ffmpeg-rtp.log")"
wait "$TS_PID" || die "ffmpeg MPEG-TS sender failed: $(cat "$WORK/ffmpeg-ts.log")"
sleep 1

kill -INT "$TCPDUMP_PID"
wait "$TCPDUMP_PID" 2>/dev/null || true
grep -E 'packets (captured|dropped by kernel)' "$WORK/tcpdump.log" >&2 || true
grep -q '^0 packets dropped by kernel' "$WORK/tcpdump.log" || log "warning: tcpdump reports kernel drops"

# sanity check before replacing the committed files (skipped when tshark is absent)
if command -v tshark >/dev/null 2>&1; then
  DEC=(-d "udp.port==$VIDEO_PORT,rtp" -d "udp.port==$AUDIO_PORT,rtp"
    -d "udp.port==$((VIDEO_PORT + 1)),rtcp" -d "udp.port==$((AUDIO_PORT + 1)),rtcp")
  count() { tshark -r "$WORK/demo.pcap" "${DEC[@]}" -Y "$1" 2>/dev/null | wc -l; }
  for check in "rtp.ssrc==0x11223344:400" "rtp.ssrc==0x55667788:400" "rtcp.pt==200:4" "mp2t.pid==0:5" \
    "mp2t.af.pcr_flag==1:20" "stun.type==0x0101:2" "stun.type==0x0113:2" "stun.type==0x0103:2" \
    "stun.type==0x0109:1" "stun.type==0x0108:1" "stun.type==0x0016:1" "stun.type==0x0017:1" "stun.channel:1"; do
    n=$(count "${check%:*}")
    [ "$n" -ge "${check##*:}" ] || die "capture check failed: '${check%:*}' matched $n packets (want >= ${check##*:})"
  done
fi
[ "$(stat -c %s "$WORK/demo.pcap")" -lt 2000000 ] || die "capture is over 2 MB"

# ffmpeg ends the SDP without a final newline
[ -z "$(tail -c 1 "$WORK/demo.sdp")" ] || echo >>"$WORK/demo.sdp"
mkdir -p "$OUT_DIR"
# copy (not move): tcpdump drops privileges, so its file belongs to the tcpdump user
cp "$WORK/demo.pcap" "$PCAP.tmp" && mv -f "$PCAP.tmp" "$PCAP"
cp "$WORK/demo.sdp" "$SDP.tmp" && mv -f "$SDP.tmp" "$SDP"
log "wrote $PCAP ($(stat -c %s "$PCAP") bytes) and $SDP"
