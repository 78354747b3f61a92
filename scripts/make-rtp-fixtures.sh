#!/usr/bin/env bash
# Regenerates the RTP fixtures in tests/testdata/rtp/ from real senders: Chromium (WebRTC with encryption turned off,
# so the RTP is plain and tshark can read it), ffmpeg's RTP muxer and a GStreamer translator.
#
# Each capture runs in a network namespace of its own that this script creates and deletes again, so nothing else on
# the machine's loopback ends up in the files and no port can clash: tcpdump listens on the namespace's `lo` and the
# senders run inside it. tests/testdata/rtp/README.md says what each file holds.
#
# Needs root (namespaces, tcpdump), iproute2, tcpdump, tshark, node, ffmpeg (libvpx, libx265), chromium, and GStreamer 1.22
# (gstreamer1.0-tools, -plugins-base, -plugins-good: audiotestsrc, opusenc, rtpopuspay/rtpopusdepay, udpsrc/udpsink).
# The tests only read the committed files; none of these tools is needed to run them.
#
# Usage: sudo bash scripts/make-rtp-fixtures.sh [OUT_DIR]   (default tests/testdata/rtp; about 30 s)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/tests/testdata/rtp}"
PREFIX="nprtp$$"
WORK="$(mktemp -d /tmp/netpix-rtp.XXXXXX)"
PIDS=()

log() { printf 'make-rtp-fixtures: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

cleanup() {
  local pid ns
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  for ns in $(ip netns list | awk '{print $1}' | grep "^$PREFIX-" || true); do ip netns del "$ns" 2>/dev/null || true; done
  if [ -n "${RTP_KEEP_WORK:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in ip tcpdump tshark ffmpeg chromium gst-launch-1.0 node timeout; do
  command -v "$tool" >/dev/null || die "missing $tool"
done
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, tcpdump)"
ENCODERS="$(ffmpeg -hide_banner -encoders 2>/dev/null)"
for enc in libvpx libvpx-vp9 libx265; do grep -q " $enc " <<<"$ENCODERS" || die "ffmpeg lacks $enc"; done
mkdir -p "$OUT"

# start_capture NAME: a fresh namespace with lo up and tcpdump writing $WORK/NAME.pcap (UDP only: no ICMP noise).
start_capture() {
  local name=$1 ns="$PREFIX-$1"
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  # Chromium gathers no ICE candidate at all in a namespace that has only lo: give it a veth with an address and a
  # default route (RFC 5737 documentation range). Packets between local addresses still go over lo.
  ip -n "$ns" link add np0 type veth peer name np1
  ip -n "$ns" addr add 192.0.2.1/24 dev np0
  ip -n "$ns" link set np0 up
  ip -n "$ns" link set np1 up
  ip -n "$ns" route add default via 192.0.2.254 dev np0
  ip netns exec "$ns" tcpdump -i lo --immediate-mode -B 16384 -U -n -w "$WORK/$name.pcap" udp >"$WORK/$name.tcpdump.log" 2>&1 &
  TCPDUMP_PID=$!
  PIDS+=("$TCPDUMP_PID")
  for _ in $(seq 50); do
    grep -q "listening on lo" "$WORK/$name.tcpdump.log" && break
    sleep 0.1
  done
  grep -q "listening on lo" "$WORK/$name.tcpdump.log" || die "tcpdump did not start for $name"
  NS="$ns"
}

# stop_capture NAME: stop tcpdump, delete the namespace, move the capture into OUT.
stop_capture() {
  local name=$1
  sleep 0.3
  kill "$TCPDUMP_PID"
  wait "$TCPDUMP_PID" 2>/dev/null || true
  ip netns del "$NS"
  # Without -B, tcpdump's default buffer lost bursts of a key frame's packets ("N packets dropped by kernel").
  grep -q "^0 packets dropped by kernel" "$WORK/$name.tcpdump.log" || die "$name: tcpdump dropped packets"
  local n
  n=$(tshark -r "$WORK/$name.pcap" -o rtp.heuristic_rtp:TRUE -Y rtp 2>/dev/null | wc -l)
  [ "$n" -ge 10 ] || die "$name: only $n RTP packets captured"
  mv "$WORK/$name.pcap" "$OUT/$name.pcap"
  chown "$(id -u):$(id -g)" "$OUT/$name.pcap"
  log "$name.pcap: $n RTP packets, $(stat -c %s "$OUT/$name.pcap") bytes"
}

# ---------------------------------------------------------------------------------------------------------------------
# Chromium: two RTCPeerConnections in one page, connected over 127.0.0.1. `--disable-webrtc-encryption` makes the
# transport plain RTP/AVPF (no DTLS-SRTP), `--allow-loopback-in-peer-connection` lets ICE use 127.0.0.1. The page
# draws a moving counter on a canvas (captureStream, 20 fps) and plays a 440 Hz oscillator, prefers one video codec,
# and may rewrite extmap IDs or drop extmap lines in the answer before the sender applies it (the sender writes the
# IDs of the answer). It prints the answer it applied, which becomes NAME.sdp.
cat >"$WORK/page.html" <<'HTML'
<!doctype html><html><body><canvas id="c" width="320" height="240"></canvas><script>
const q = new URLSearchParams(location.search);
const out = (m) => console.log("NETPIX " + m);
(async () => {
  try {
    const c = document.getElementById("c"), g = c.getContext("2d");
    let n = 0;
    setInterval(() => {
      g.fillStyle = `hsl(${(n * 7) % 360},80%,50%)`; g.fillRect(0, 0, 320, 240);
      g.fillStyle = "#fff"; g.font = "40px sans-serif"; g.fillText(String(n++), 10 + (n % 200), 120);
    }, 50);
    const video = c.captureStream(20);
    const ac = new AudioContext(), osc = ac.createOscillator(), dst = ac.createMediaStreamDestination();
    osc.connect(dst); osc.start();
    const pc1 = new RTCPeerConnection(), pc2 = new RTCPeerConnection();
    pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate);
    pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate);
    // Chromium writes RIDs only for simulcast (two encodings or more); without a=simulcast in the answer it sends the
    // first encoding alone, still with its RID.
    const rids = (q.get("rids") || "").split(",").filter(Boolean);
    const sendEncodings = rids.length ? rids.map((rid, i) => ({ rid, scaleResolutionDownBy: 2 ** (rids.length - 1 - i) })) : [{}];
    const vt = pc1.addTransceiver(video.getVideoTracks()[0], { direction: "sendonly", streams: [video], sendEncodings });
    if (q.get("audio") !== "0") pc1.addTransceiver(dst.stream.getAudioTracks()[0], { direction: "sendonly", streams: [dst.stream] });
    const want = q.get("codec"), caps = RTCRtpSender.getCapabilities("video").codecs;
    vt.setCodecPreferences([...caps.filter((x) => x.mimeType === want), ...caps.filter((x) => x.mimeType === "video/rtx")]);
    const offer = await pc1.createOffer();
    await pc1.setLocalDescription(offer);
    await pc2.setRemoteDescription(offer);
    const answer = await pc2.createAnswer();
    await pc2.setLocalDescription(answer);
    let sdp = answer.sdp;
    for (const pair of (q.get("remap") || "").split(",").filter(Boolean)) {
      const [from, to] = pair.split(":");
      sdp = sdp.replaceAll(`a=extmap:${from} `, `a=extmap:${to} `);
    }
    for (const id of (q.get("drop") || "").split(",").filter(Boolean)) sdp = sdp.replace(new RegExp(`a=extmap:${id} [^\\r]*\\r\\n`, "g"), "");
    await pc1.setRemoteDescription({ type: "answer", sdp });
    out("ANSWER " + JSON.stringify(sdp));
    setTimeout(async () => {
      (await pc1.getStats()).forEach((r) => {
        if (r.type === "outbound-rtp") out("STATS " + JSON.stringify({ ssrc: r.ssrc, kind: r.kind, packetsSent: r.packetsSent, framesEncoded: r.framesEncoded, keyFramesEncoded: r.keyFramesEncoded }));
      });
    }, Number(q.get("ms") || 2000));
  } catch (e) { out("error " + e); }
})();
</script></body></html>
HTML

# chrome NAME QUERY: one Chromium run of about 3 s in its own namespace.
chrome() {
  local name=$1 query=$2
  start_capture "$name"
  ip netns exec "$NS" timeout 4 chromium --headless=new --no-sandbox --disable-gpu --use-gl=disabled \
    --user-data-dir="$WORK/profile-$name" --allow-loopback-in-peer-connection --disable-webrtc-encryption \
    --autoplay-policy=no-user-gesture-required --enable-logging=stderr \
    "file://$WORK/page.html?$query" 2>&1 | grep -o 'NETPIX .*' | sed 's/", source: .*//' >"$WORK/$name.log" || true
  stop_capture "$name"
  grep -q '^NETPIX ANSWER ' "$WORK/$name.log" || die "$name: the page printed no answer"
  grep -q '^NETPIX error' "$WORK/$name.log" && die "$name: $(grep '^NETPIX error' "$WORK/$name.log")"
  sed -n 's/^NETPIX ANSWER //p' "$WORK/$name.log" | node -e \
    'let s = ""; process.stdin.on("data", (d) => s += d).on("end", () => process.stdout.write(JSON.parse(s.trim())));' \
    >"$OUT/$name.sdp"
  sed -n 's/^NETPIX STATS /  /p' "$WORK/$name.log" >&2
}

# AV1 video + Opus with Chromium's default extmap IDs: every element fits the one-byte form (0xBEDE).
chrome chrome-av1 "codec=video/AV1"
# VP9 with RIDs "lo","hi" (only "lo" is sent) and the MID moved to ID 16 in the answer, which forces the two-byte form
# (0x1000, RFC 8285 §4.3) on every packet that carries the MID.
chrome chrome-vp9-two-byte "codec=video/VP9&rids=lo,hi&remap=9:16"
# VP8 video only, without abs-send-time (2) and transport-cc (4) in the answer.
chrome chrome-vp8 "codec=video/VP8&audio=0&drop=2,4"

# ---------------------------------------------------------------------------------------------------------------------
# A UDP sink on the given ports, so that no ICMP port unreachable comes back: ffmpeg drops the packets it sends after
# one (sendto fails with ECONNREFUSED), which left gaps in a first version of these captures.
cat >"$WORK/sink.mjs" <<'JS'
import dgram from "node:dgram";
const ports = process.argv.slice(2).map(Number);
let ready = 0;
for (const port of ports) {
  const s = dgram.createSocket("udp4");
  s.on("message", () => {});
  s.bind(port, "127.0.0.1", () => { if (++ready === ports.length) console.log("sink ready"); });
}
JS
start_sink() {
  ip netns exec "$NS" node "$WORK/sink.mjs" "$@" >"$WORK/sink.log" 2>&1 &
  SINK_PID=$!
  PIDS+=("$SINK_PID")
  for _ in $(seq 50); do
    grep -q "sink ready" "$WORK/sink.log" && return 0
    sleep 0.1
  done
  die "the UDP sink did not start"
}
stop_sink() {
  kill "$SINK_PID" 2>/dev/null || true
  wait "$SINK_PID" 2>/dev/null || true
}

# ffmpeg's RTP muxer, packets of at most 300 bytes so that even a 160x120 key frame is fragmented.
ffmpeg_rtp() {
  local name=$1
  shift
  start_capture "$name"
  start_sink 5004 5005
  ip netns exec "$NS" ffmpeg -hide_banner -nostdin -loglevel error -re -f lavfi -i "testsrc=size=160x120:rate=10" \
    -t 1.2 "$@" -ssrc 305419896 -seq 100 -payload_type 96 -sdp_file "$OUT/$name.sdp" -f rtp \
    "rtp://127.0.0.1:5004?pkt_size=300" >"$WORK/$name.ffmpeg.log" 2>&1 || die "$name: $(tail -n 3 "$WORK/$name.ffmpeg.log")"
  stop_sink
  stop_capture "$name"
}
ffmpeg_rtp ffmpeg-h265 -c:v libx265 -preset ultrafast -x265-params keyint=5:min-keyint=5:scenecut=0:log-level=error
ffmpeg_rtp ffmpeg-vp8 -c:v libvpx -g 5 -deadline realtime -cpu-used 8 -b:v 200k
ffmpeg_rtp ffmpeg-vp9 -c:v libvpx-vp9 -strict experimental -g 5 -lag-in-frames 0 -deadline realtime -cpu-used 8 -b:v 200k

# ---------------------------------------------------------------------------------------------------------------------
# GStreamer as an RTP translator (RFC 3550 §7.1): a sender on port 5010 (SSRC 0x0a0b0c0d), and a depayloader/payloader
# pair with source-info=true that re-sends the same Opus frames to 5012 under its own SSRC 0x0e0f1011 and lists the
# sender's SSRC as a CSRC.
start_capture gst-csrc
start_sink 5012
ip netns exec "$NS" timeout 5 gst-launch-1.0 -q \
  udpsrc port=5010 caps="application/x-rtp,media=audio,clock-rate=48000,encoding-name=OPUS,payload=111" \
  ! rtpopusdepay source-info=true ! rtpopuspay pt=111 ssrc=235868177 source-info=true \
  ! udpsink host=127.0.0.1 port=5012 >"$WORK/gst-translator.log" 2>&1 &
TRANSLATOR_PID=$!
PIDS+=("$TRANSLATOR_PID")
sleep 1
ip netns exec "$NS" gst-launch-1.0 -q audiotestsrc num-buffers=25 samplesperbuffer=960 is-live=true \
  ! audio/x-raw,rate=48000,channels=1 ! opusenc ! rtpopuspay pt=111 ssrc=168496141 \
  ! udpsink host=127.0.0.1 port=5010 >"$WORK/gst-sender.log" 2>&1 || die "gst sender: $(tail -n 3 "$WORK/gst-sender.log")"
sleep 0.3
kill "$TRANSLATOR_PID" 2>/dev/null || true
wait "$TRANSLATOR_PID" 2>/dev/null || true
stop_sink
stop_capture gst-csrc

log "done: $OUT"
