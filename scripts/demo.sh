#!/usr/bin/env bash
# Installs what is missing, then runs netpix on the built-in demo capture and serves the UI at http://127.0.0.1:3550/.
# Extra arguments go to `netpix run` (e.g. -p 8080).
# -M 0 keeps the demo packets for as long as it runs (by default every source ages out packets after 300 s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
# shellcheck source=env.sh
. scripts/env.sh
exec deno run --allow-ffi --allow-read --allow-net --allow-env --allow-sys main.ts run -f tests/testdata/demo.pcap -M 0 "$@"
