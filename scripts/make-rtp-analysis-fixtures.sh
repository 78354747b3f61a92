#!/usr/bin/env bash
# Builds tests/testdata/rtp-analysis/{pcmu,opus,h264}.pcap: three short loopback captures of real ffmpeg RTP senders,
# one stream per file, for the RTP stream statistics in src/analysis/ (rtp_stream_test.ts impairs them and compares
# the result with `tshark -z rtp,streams`).
#   - pcmu.pcap  G.711 µ-law, static PT 0 (8000 Hz; tshark knows its clock rate), 20 ms packets  -> 127.0.0.1:5010
#   - opus.pcap  Opus 32 kbit/s mono, dynamic PT 111 (48000 Hz), 20 ms frames, seq wraps       -> 127.0.0.1:5012
#   - h264.pcap  H.264 baseline 320x240 at 25 fps, dynamic PT 96 (90000 Hz), FU-A, <= 1200 bytes   -> 127.0.0.1:5014
# The SDP ffmpeg writes for Opus and H.264 is kept next to them (opus.sdp, h264.sdp).
# A node:dgram sink listens on the ports so the captures hold no ICMP port-unreachable noise; only the RTP port of
# each sender is captured (its RTCP on port + 1 is not).
# Needs root (tcpdump on lo), tcpdump, ffmpeg (libx264, libopus), node. Takes about 8 s. FIXTURE_KEEP_WORK=1 keeps the
# temp dir with the tools' logs. Outputs are written to a temp dir and copied into place at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_DIR="$ROOT/tests/testdata/rtp-analysis"
DURATION="${FIXTURE_DURATION:-4}" # seconds of media per stream
PCMU_PORT=5010 OPUS_PORT=5012 H264_PORT=5014

log() { printf 'make-rtp-analysis-fixtures: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for t in tcpdump ffmpeg node ss; do
  command -v "$t" >/dev/null 2>&1 || die "$t not found (run scripts/setup.sh)"
done
[ "$(id -u)" -eq 0 ] || die "must run as root (tcpdump on lo)"
busy="$(ss -Hlun | awk '{n = split($4, a, ":"); p = a[n] + 0; if (p >= 5010 && p <= 5015) print $4}')"
[ -z "$busy" ] || die "UDP ports already in use: $(echo $busy)"

WORK="$(mktemp -d /tmp/netpix-rtp-fixtures.XXXXXX)"
PIDS=()
cleanup() {
  local rc=$?
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ] && [ -d "$WORK" ]; then
    log "failed (rc=$rc); last log lines:"
    tail -n 5 "$WORK"/*.log >&2 2>/dev/null || true
  fi
  if [ -n "${FIXTURE_KEEP_WORK:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # wait_for FILE PATTERN TIMEOUT_S
  local f=$1 pat=$2 n=$(($3 * 10))
  while ((n-- > 0)); do
    grep -q -- "$pat" "$f" 2>/dev/null && return 0
    sleep 0.1
  done
  die "timed out waiting for '$pat' in $(basename "$f")"
}

# 1. sink on the RTP and RTCP ports
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
node "$WORK/sink.mjs" $PCMU_PORT $((PCMU_PORT + 1)) $OPUS_PORT $((OPUS_PORT + 1)) $H264_PORT $((H264_PORT + 1)) \
  >"$WORK/sink.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/sink.log" "sink ready" 5

# 2. one tcpdump per file, each on one destination port
TCPDUMPS=()
for name in pcmu:$PCMU_PORT opus:$OPUS_PORT h264:$H264_PORT; do
  tcpdump -i lo --immediate-mode -U -n -w "$WORK/${name%:*}.pcap" "udp and dst port ${name#*:}" \
    >"$WORK/tcpdump-${name%:*}.log" 2>&1 &
  TCPDUMPS+=($!)
  PIDS=("$!" "${PIDS[@]}") # first in list = killed last
  wait_for "$WORK/tcpdump-${name%:*}.log" "listening on lo" 5
done
sleep 0.3

# 3. senders, all at once (-re paces them in real time, so their send jitter is the scheduler's)
ffmpeg -hide_banner -nostdin -loglevel error -re -t "$DURATION" \
  -f lavfi -i "sine=frequency=440:sample_rate=8000:samples_per_frame=160" \
  -c:a pcm_mulaw -ssrc 0x0a0b0c0d -seq 100 -cname netpix-pcmu@127.0.0.1 -f rtp "rtp://127.0.0.1:$PCMU_PORT" \
  >"$WORK/ffmpeg-pcmu.log" 2>&1 &
P1=$!
PIDS+=("$P1")
ffmpeg -hide_banner -nostdin -loglevel error -re -t "$DURATION" \
  -f lavfi -i "sine=frequency=660:sample_rate=48000" \
  -c:a libopus -b:a 32k -ac 1 -ar 48000 -application audio -frame_duration 20 \
  -ssrc 0x1a1b1c1d -seq 65450 -cname netpix-opus@127.0.0.1 -payload_type 111 -f rtp "rtp://127.0.0.1:$OPUS_PORT" \
  -sdp_file "$WORK/opus.sdp" >"$WORK/ffmpeg-opus.log" 2>&1 &
P2=$!
PIDS+=("$P2")
ffmpeg -hide_banner -nostdin -loglevel error -re -t "$DURATION" \
  -f lavfi -i "testsrc=size=320x240:rate=25" \
  -c:v libx264 -preset ultrafast -tune zerolatency -profile:v baseline -pix_fmt yuv420p \
  -b:v 300k -maxrate 300k -bufsize 300k -g 25 -flags:v +global_header -x264-params repeat-headers=1 \
  -ssrc 0x2a2b2c2d -seq 2000 -cname netpix-h264@127.0.0.1 -payload_type 96 -f rtp "rtp://127.0.0.1:$H264_PORT?pkt_size=1200" \
  -sdp_file "$WORK/h264.sdp" >"$WORK/ffmpeg-h264.log" 2>&1 &
P3=$!
PIDS+=("$P3")

wait "$P1" || die "ffmpeg PCMU sender failed: $(cat "$WORK/ffmpeg-pcmu.log")"
wait "$P2" || die "ffmpeg Opus sender failed: $(cat "$WORK/ffmpeg-opus.log")"
wait "$P3" || die "ffmpeg H.264 sender failed: $(cat "$WORK/ffmpeg-h264.log")"
sleep 0.5
for p in "${TCPDUMPS[@]}"; do kill -INT "$p"; done
for p in "${TCPDUMPS[@]}"; do wait "$p" 2>/dev/null || true; done
for name in pcmu opus h264; do
  grep -q '^0 packets dropped by kernel' "$WORK/tcpdump-$name.log" || log "warning: tcpdump reports kernel drops ($name)"
  n=$(grep -E 'packets captured' "$WORK/tcpdump-$name.log" | cut -d' ' -f1)
  [ "$n" -ge 90 ] || die "$name.pcap holds only $n packets"
  log "$name.pcap: $n packets"
done

mkdir -p "$OUT_DIR"
for f in opus.sdp h264.sdp; do
  [ -z "$(tail -c 1 "$WORK/$f")" ] || echo >>"$WORK/$f" # in case the SDP does not end with a newline
done
# copy (not move): tcpdump drops privileges, so its files belong to the tcpdump user
for f in pcmu.pcap opus.pcap h264.pcap opus.sdp h264.sdp; do
  cp "$WORK/$f" "$OUT_DIR/$f.tmp" && mv -f "$OUT_DIR/$f.tmp" "$OUT_DIR/$f"
done
log "wrote $(du -ch "$OUT_DIR"/*.pcap | tail -1 | cut -f1) to $OUT_DIR"
