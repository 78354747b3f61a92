#!/usr/bin/env bash
# The benchmarks of BENCHMARKS.md, each against its peer in the same run: file read rate (vs tcpdump -r), live loss at
# 100,000 packets/s on lo (vs tcpdump), capture-to-client latency, idle CPU (vs tcpdump), and a capture-settings
# diagnostic. Builds what it needs (capture library, udp_blast, the 1M-packet pcap in bench-out/), then prints one
# markdown table. Takes about 3 minutes; the live parts need root (capture on lo) and send only to 127.0.0.1.
#
#   bash scripts/bench.sh                     # everything
#   bash scripts/bench.sh file latency        # some of: file loss latency idle settings analyze capture
#
# Raw results: bench-out/<name>.json; progress goes to stderr.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=env.sh
. scripts/env.sh
command -v deno >/dev/null || { echo "bench: deno is not on PATH (run scripts/setup.sh)" >&2; exit 1; }

parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(file loss latency idle settings analyze capture)
for p in "${parts[@]}"; do
  case "$p" in file | loss | latency | idle | settings | analyze | capture) ;; *) echo "bench: unknown part '$p'" >&2; exit 2 ;; esac
done
wants() { [[ " ${parts[*]} " == *" $1 "* ]]; }
if [ "$(id -u)" -ne 0 ]; then
  for p in loss latency idle settings capture; do
    if wants "$p"; then echo "bench: '$p' captures on lo and needs root" >&2; exit 1; fi
  done
fi

mkdir -p bench-out
echo "== build" >&2
cargo build --release --offline --quiet --manifest-path capture-rs/Cargo.toml
[ -f dist/app.js ] || deno task build:ui >&2
if [ ! -x bench-out/udp_blast ] || [ scripts/bench/udp_blast.rs -nt bench-out/udp_blast ]; then
  rustc --edition 2021 -O scripts/bench/udp_blast.rs -o bench-out/udp_blast
fi
# Only this run's results go into the table.
rm -f bench-out/{file_read,live_loss,latency,idle_cpu,capture_settings,analyze_rate,capture_overhead}.json

run() { deno run -A "$@" >/dev/null; }
start=$SECONDS
if wants file; then
  echo "== file read (1,000,000 packets cycled from tests/testdata/demo.pcap)" >&2
  run scripts/bench/make_pcap.ts bench-out/demo_1m.pcap 1000000
  run --v8-flags=--expose-gc scripts/bench/file_read.ts bench-out/demo_1m.pcap 5
fi
if wants loss; then
  echo "== live loss (100,000 packets/s for 10 s on lo)" >&2
  run scripts/bench/live_loss.ts 100000 1000000 200
fi
if wants latency; then
  echo "== latency (1,000 packets/s for 10 s, -m 5 and -m 1)" >&2
  run scripts/bench/latency.ts 1000 10 5,1
fi
if wants idle; then
  echo "== idle CPU (20 s per case)" >&2
  run scripts/bench/idle_cpu.ts 20
fi
if wants analyze; then
  echo "== analysis rate and memory (netpix analyze vs tshark -z rtp,streams, 1M and 4M RTP packets)" >&2
  run scripts/bench/analyze_rate.ts 1000000
fi
if wants settings; then
  echo "== capture settings diagnostic" >&2
  run scripts/bench/capture_settings.ts 100000 1000000
fi
if wants capture; then
  echo "== capture job CPU against tcpdump -w (1,000 and 20,000 packets/s for 10 s on lo)" >&2
  run scripts/bench/capture_overhead.ts 1000,20000 10 200
fi
echo "== done in $((SECONDS - start)) s" >&2
deno run -A scripts/bench/report.ts
