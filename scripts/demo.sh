#!/usr/bin/env bash
# Installs what is missing, then runs netpix on the built-in demo capture and serves the UI at http://127.0.0.1:3550/.
# Extra arguments go to `netpix run` (e.g. -p 8080).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
# shellcheck source=env.sh
. scripts/env.sh
exec deno run --allow-ffi --allow-read --allow-net --allow-env --allow-sys main.ts run -f tests/testdata/demo.pcap "$@"
