#!/usr/bin/env bash
# Regenerates the MPEG-TS fixtures in tests/testdata/mpegts/: short loopback captures of real ffmpeg MPEG-TS senders,
# each made to exercise parts of ISO/IEC 13818-1 that tests/testdata/demo.pcap (H.264 + AAC ADTS) does not reach.
#
#   mpeg2-multilang.pcap  MPEG-2 video (stream type 0x02, B-frames so PES headers carry DTS) and 16 MPEG-1 Layer II
#                         audio streams (0x03), each with an ISO 639 language descriptor, so the PMT (197 bytes) spans
#                         two TS packets; -mpegts_flags +resend_headers+initial_discontinuity (discontinuity_indicator
#                         on the first packet of every PID) and -pcr_period 20                      -> udp 127.0.0.1:1240
#   h264-ac3-dvb.pcap     H.264 main profile with B-frames, AC-3 and E-AC-3 in DVB style (-mpegts_flags +system_b:
#                         stream type 0x06 with registration, AC-3 0x6a / enhanced AC-3 0x7a and ISO 639 descriptors),
#                         CBR -muxrate 900k (null packets, PCR-only adaptation fields), tables_version 3 -> udp :1242
#   hevc-atsc.pcap        HEVC (0x24, registration "HEVC"), AC-3 (0x81) and E-AC-3 (0x87) in ATSC style, AAC in
#                         LATM (0x11, -mpegts_flags +latm)                                            -> udp :1244
#   rtp-mpegts.pcap       H.264 + AAC through ffmpeg's rtp_mpegts muxer: RTP payload type 33, 7 TS packets per RTP
#                         packet                                                                     -> udp :5010
#
# A node:dgram sink listens on the ports so the captures hold no ICMP port-unreachable noise. Needs root (tcpdump on
# lo), tcpdump, ffmpeg (libx264, libx265, ac3, eac3, mp2), node. Takes about 10 s.
#
# Usage: sudo bash scripts/make-mpegts-fixtures.sh [OUT_DIR]   (default tests/testdata/mpegts)
# The table tests in src/protocols/mpegts/ quote frames of the committed files byte for byte: do not regenerate them
# casually. To compare a fresh set with tshark without replacing the committed one:
#   sudo bash scripts/make-mpegts-fixtures.sh /tmp/mpegts &&
#     NETPIX_MPEGTS_FIXTURES=/tmp/mpegts deno test -A src/protocols/mpegts/tshark_test.ts
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/tests/testdata/mpegts}"
SECONDS_OF_MEDIA="${MPEGTS_FIXTURE_SECONDS:-1}"

log() { printf 'make-mpegts-fixtures: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

for t in tcpdump ffmpeg node; do command -v "$t" >/dev/null 2>&1 || die "$t not found"; done
[ "$(id -u)" -eq 0 ] || die "must run as root (tcpdump on lo)"
ENCODERS="$(ffmpeg -hide_banner -encoders 2>/dev/null)"
for e in libx264 libx265 ac3 eac3 mp2 mpeg2video aac; do grep -q " $e " <<<"$ENCODERS" || die "ffmpeg lacks $e"; done

WORK="$(mktemp -d /tmp/netpix-mpegts.XXXXXX)"
PIDS=()
cleanup() {
  local rc=$?
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ]; then tail -n 5 "$WORK"/*.log >&2 2>/dev/null || true; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() {
  local f=$1 pat=$2 n=$(($3 * 10))
  while ((n-- > 0)); do
    grep -q -- "$pat" "$f" 2>/dev/null && return 0
    sleep 0.1
  done
  die "timed out waiting for '$pat' in $(basename "$f")"
}

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
node "$WORK/sink.mjs" 1240 1242 1244 5010 5011 >"$WORK/sink.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/sink.log" "sink ready" 5

SRC=(-t "$SECONDS_OF_MEDIA" -f lavfi -i "testsrc2=size=160x120:rate=25"
  -t "$SECONDS_OF_MEDIA" -f lavfi -i "sine=frequency=440:sample_rate=48000")

# capture NAME PORT FFMPEG_ARGS...: one tcpdump per file, the sender runs in real time (-re)
capture() {
  local name=$1 port=$2
  shift 2
  tcpdump -i lo -B 16384 --immediate-mode -U -n -w "$WORK/$name" "udp and dst port $port" >"$WORK/tcpdump-$name.log" 2>&1 &
  local tcpdump_pid=$!
  PIDS+=("$tcpdump_pid")
  wait_for "$WORK/tcpdump-$name.log" "listening on lo" 5
  sleep 0.2
  ffmpeg -hide_banner -nostdin -loglevel error -re "${SRC[@]}" "$@" >"$WORK/ffmpeg-$name.log" 2>&1 ||
    die "ffmpeg for $name failed: $(cat "$WORK/ffmpeg-$name.log")"
  sleep 0.3
  kill -INT "$tcpdump_pid"
  wait "$tcpdump_pid" 2>/dev/null || true
  unset 'PIDS[${#PIDS[@]}-1]'
  grep -q "^0 packets dropped by kernel" "$WORK/tcpdump-$name.log" || die "tcpdump reports drops for $name"
  log "$name: $(grep 'packets captured' "$WORK/tcpdump-$name.log")"
}

MAPS=() LANGS=()
i=0
for lang in eng deu fra spa ita nld por swe nor dan fin pol ces hun ell tur; do
  MAPS+=(-map 1:a)
  LANGS+=("-metadata:s:a:$i" "language=$lang")
  i=$((i + 1))
done
capture mpeg2-multilang.pcap 1240 -map 0:v "${MAPS[@]}" \
  -c:v mpeg2video -b:v 300k -bf 2 -g 12 -c:a mp2 -b:a 32k -ac 1 "${LANGS[@]}" \
  -mpegts_flags +resend_headers+initial_discontinuity -pcr_period 20 \
  -f mpegts "udp://127.0.0.1:1240?pkt_size=1316"

capture h264-ac3-dvb.pcap 1242 -map 0:v -map 1:a -map 1:a \
  -c:v libx264 -preset ultrafast -profile:v main -bf 2 -g 12 -pix_fmt yuv420p -b:v 150k -maxrate 150k -bufsize 150k \
  -c:a:0 ac3 -b:a:0 96k -c:a:1 eac3 -b:a:1 96k -metadata:s:a:0 language=eng -metadata:s:a:1 language=deu \
  -mpegts_flags +system_b -muxrate 900k -tables_version 3 -mpegts_service_id 7 -mpegts_pmt_start_pid 0x0200 \
  -metadata service_provider=netpix -metadata service_name=ac3-dvb \
  -f mpegts "udp://127.0.0.1:1242?pkt_size=1316"

capture hevc-atsc.pcap 1244 -map 0:v -map 1:a -map 1:a -map 1:a \
  -c:v libx265 -preset ultrafast -x265-params log-level=error -pix_fmt yuv420p -b:v 150k \
  -c:a:0 ac3 -b:a:0 96k -c:a:1 eac3 -b:a:1 96k -c:a:2 aac -b:a:2 48k -ac 1 -metadata:s:a:0 language=eng \
  -mpegts_flags +latm -mpegts_start_pid 0x0031 \
  -f mpegts "udp://127.0.0.1:1244?pkt_size=1316"

capture rtp-mpegts.pcap 5010 -map 0:v -map 1:a \
  -c:v libx264 -preset ultrafast -tune zerolatency -pix_fmt yuv420p -b:v 150k -g 25 -c:a aac -b:a 48k -ac 1 \
  -f rtp_mpegts "rtp://127.0.0.1:5010"

mkdir -p "$OUT"
for f in mpeg2-multilang.pcap h264-ac3-dvb.pcap hevc-atsc.pcap rtp-mpegts.pcap; do
  [ "$(stat -c %s "$WORK/$f")" -lt 400000 ] || die "$f is over 400 KB"
  cp "$WORK/$f" "$OUT/$f.tmp" && mv -f "$OUT/$f.tmp" "$OUT/$f" # copy: tcpdump drops privileges
done
log "wrote $(ls "$OUT"/*.pcap | wc -l) captures to $OUT"
