#!/usr/bin/env bash
# CPU of a `netpix capture -w` job against plain `tcpdump -w` in the same run, both capturing the same paced UDP traffic
# on lo (1,000 and 20,000 packets/s for 10 s by default); prints each process's CPU and the ratio. About 30 s; needs
# root (capture on lo) and sends only to 127.0.0.1. Same as `bash scripts/bench.sh capture`.
#
#   bash scripts/bench-capture.sh                      # rates 1000,20000, 10 s, 200-byte datagrams
#   bash scripts/bench-capture.sh 5000 20 1200         # RATES SECONDS SIZE
#
# Raw result: bench-out/capture_overhead.json (with both command lines).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=env.sh
. scripts/env.sh
command -v deno >/dev/null || { echo "bench-capture: deno is not on PATH (run scripts/setup.sh)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "bench-capture: capturing on lo needs root" >&2; exit 1; }
mkdir -p bench-out
cargo build --release --offline --quiet --manifest-path capture-rs/Cargo.toml
if [ ! -x bench-out/udp_blast ] || [ scripts/bench/udp_blast.rs -nt bench-out/udp_blast ]; then
  rustc --edition 2021 -O scripts/bench/udp_blast.rs -o bench-out/udp_blast
fi
deno run -A scripts/bench/capture_overhead.ts "${1:-1000,20000}" "${2:-10}" "${3:-200}"
