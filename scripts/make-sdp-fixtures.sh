#!/usr/bin/env bash
# Regenerates the SDP fixtures in tests/testdata/sdp/ from real senders: ffmpeg's RTP muxer (`-f rtp -sdp_file`) and a
# WebRTC offer from headless Chromium (scripts/sdp_offer_from_chromium.ts). tests/testdata/sdp/README.md says what each
# file holds.
#
# ffmpeg sends a few RTP packets of each stream to 127.0.0.1 on ports 47010–47040 while it runs (nothing listens; the
# senders stop after a fraction of a second). Chromium gathers host candidates only: no STUN server, no network.
#
# Needs ffmpeg (with libopus, libx264, libvpx), Chromium (/usr/bin/chromium or $NETPIX_CHROMIUM) and deno.
# Usage: bash scripts/make-sdp-fixtures.sh [OUT_DIR]   (default tests/testdata/sdp)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"
OUT="${1:-$ROOT/tests/testdata/sdp}"
WORK="$(mktemp -d /tmp/netpix-sdp.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT INT TERM

log() { printf 'make-sdp-fixtures: %s\n' "$*" >&2; }
for tool in ffmpeg deno; do
  command -v "$tool" >/dev/null || {
    log "missing $tool"
    exit 1
  }
done
mkdir -p "$OUT"

# ffmpeg_sdp NAME INPUT_ARGS... -- OUTPUT_ARGS... URL: runs one ffmpeg sender and keeps the SDP it writes. `bitexact`
# makes a=tool say LIBAVFORMAT_VERSION instead of the build's version, so reruns give the same bytes.
ffmpeg_sdp() {
  local name="$1"
  shift
  ffmpeg -hide_banner -loglevel error -nostdin -y -fflags +bitexact "$@" -sdp_file "$WORK/$name.sdp" >/dev/null
  cp "$WORK/$name.sdp" "$OUT/$name.sdp"
  log "wrote $OUT/$name.sdp ($(wc -c <"$OUT/$name.sdp") bytes)"
}

SINE8K=(-f lavfi -i "sine=frequency=440:sample_rate=8000:duration=0.1")
SINE16K=(-f lavfi -i "sine=frequency=440:sample_rate=16000:duration=0.1")
SINE48K_STEREO=(-f lavfi -i "sine=frequency=440:sample_rate=48000:duration=0.1" -ac 2)
TESTSRC=(-f lavfi -i "testsrc=size=160x120:rate=10:duration=0.3")

# Static payload types: ffmpeg writes only the m= line, no rtpmap (RFC 3551 §6 gives the clock rate).
ffmpeg_sdp pcmu "${SINE8K[@]}" -c:a pcm_mulaw -f rtp "rtp://127.0.0.1:47010"
ffmpeg_sdp pcma "${SINE8K[@]}" -c:a pcm_alaw -f rtp "rtp://127.0.0.1:47012"
ffmpeg_sdp g722 "${SINE16K[@]}" -c:a g722 -f rtp "rtp://127.0.0.1:47014"
# Dynamic payload types with rtpmap (and channels, fmtp).
ffmpeg_sdp opus "${SINE48K_STEREO[@]}" -c:a libopus -b:a 32k -f rtp "rtp://127.0.0.1:47016"
ffmpeg_sdp l16 "${SINE48K_STEREO[@]}" -c:a pcm_s16be -f rtp "rtp://127.0.0.1:47018"
ffmpeg_sdp h264 "${TESTSRC[@]}" -c:v libx264 -pix_fmt yuv420p -profile:v baseline -b:v 100k -f rtp "rtp://127.0.0.1:47020"
ffmpeg_sdp vp8 "${TESTSRC[@]}" -c:v libvpx -b:v 100k -f rtp "rtp://127.0.0.1:47022"
# IPv6 destination: c=IN IP6.
ffmpeg_sdp opus-ipv6 "${SINE48K_STEREO[@]}" -c:a libopus -b:a 32k -f rtp "rtp://[::1]:47024"
# SRTP (RFC 4568 SDES): RTP/SAVP and an a=crypto line. The key is a fixed 30 bytes, for fixtures only.
SRTP_KEY="$(printf 'netpix-sdp-fixture-srtp-key-30' | base64)"
ffmpeg_sdp srtp "${SINE48K_STEREO[@]}" -c:a libopus -b:a 32k -f rtp \
  -srtp_out_suite AES_CM_128_HMAC_SHA1_80 -srtp_out_params "$SRTP_KEY" "srtp://127.0.0.1:47026"
# MPEG-TS over RTP. ffmpeg 5.1 writes no SDP for `-f rtp_mpegts` (its -sdp_file only collects outputs of the plain
# "rtp" muxer: "No output streams in the SDP"). rtp_mpegts is the mpegts muxer feeding an inner rtp muxer one stream
# of codec MPEG2TS, so we make that same stream directly: mux a short TS, read it back whole with the mpegtsraw
# demuxer (one data stream of codec MPEG2TS) and send it through the rtp muxer, which writes the SDP.
ffmpeg -hide_banner -loglevel error -nostdin -y -fflags +bitexact -f lavfi -i "testsrc=size=160x120:rate=10:duration=2" \
  -c:v libx264 -pix_fmt yuv420p -b:v 100k -f mpegts "$WORK/in.ts"
ffmpeg_sdp mpegts -f mpegtsraw -i "$WORK/in.ts" -map 0 -c copy -f rtp "rtp://127.0.0.1:47028"

# WebRTC offers from headless Chromium.
deno run -A --config "$ROOT/deno.json" "$ROOT/scripts/sdp_offer_from_chromium.ts" "$OUT"
