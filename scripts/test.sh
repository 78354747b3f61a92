#!/usr/bin/env bash
# The whole test suite from a fresh machine: installs what is missing (scripts/setup.sh), then runs the Rust tests of
# capture-rs and every Deno test (unit, integration with live capture on lo, WebSocket clients, headless Chromium).
# Extra arguments go to `deno test` (e.g. a path or --filter). Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
# shellcheck source=env.sh
. scripts/env.sh

passed=0
failed=0
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT

echo "== cargo test (capture-rs)"
cargo test --offline --release --manifest-path capture-rs/Cargo.toml 2>&1 | tee "$log_dir/cargo.log"
cargo_rc=${PIPESTATUS[0]}
while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  sed -n 's/^test result: .* \([0-9]\+\) passed; \([0-9]\+\) failed.*/\1 \2/p' "$log_dir/cargo.log")
if [ "$cargo_rc" -ne 0 ] && ! grep -q '^test result: FAILED' "$log_dir/cargo.log"; then failed=$((failed + 1)); fi

echo "== deno test (unit, doc examples, integration, browser)"
deno test --allow-all --doc --quiet "$@" 2>&1 | tee "$log_dir/deno.log"
deno_rc=${PIPESTATUS[0]}
summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log_dir/deno.log" | grep -E '^(ok|FAILED) \| ' | tail -n 1)
dp=$(sed -n 's/.*| \([0-9]\+\) passed.*/\1/p' <<<"$summary")
df=$(sed -n 's/.*| \([0-9]\+\) failed.*/\1/p' <<<"$summary")
passed=$((passed + ${dp:-0}))
failed=$((failed + ${df:-0}))
if [ "$deno_rc" -ne 0 ] && [ "${df:-0}" -eq 0 ]; then failed=$((failed + 1)); fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
