#!/usr/bin/env bash
# Installs whatever netpix needs that this machine lacks, then builds the capture library and the UI bundle.
# Idempotent: a second run only checks. Afterwards `. scripts/env.sh` puts the pinned deno on PATH.
set -euo pipefail

NETPIX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DENO_VERSION="2.9.6" # pinned; the npm package `deno` ships the binary for linux-x64-glibc
# systemd: only for `systemd-analyze verify` in tests/systemd_unit_test.ts (nothing is started); util-linux gives setpriv.
APT_PACKAGES=(libpcap-dev tcpdump tshark ffmpeg chromium coturn iproute2 procps openssl systemd util-linux)

log() { printf 'setup: %s\n' "$*" >&2; }

missing_apt=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing_apt+=("$p")
done
if ((${#missing_apt[@]})); then
  log "installing apt packages: ${missing_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing_apt[@]}" >/dev/null
fi

# shellcheck source=env.sh
. "$NETPIX_ROOT/scripts/env.sh"
if ! command -v cargo >/dev/null 2>&1; then
  log "installing cargo from apt"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cargo >/dev/null
fi

TOOLS="$NETPIX_ROOT/.tools"
if ! deno --version 2>/dev/null | head -1 | grep -q "^deno 2\.9\."; then
  log "installing deno $DENO_VERSION from npm into .tools/"
  mkdir -p "$TOOLS/bin"
  npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$TOOLS" "deno@$DENO_VERSION" >/dev/null
  ln -sf "$TOOLS/node_modules/@deno/linux-x64-glibc/deno" "$TOOLS/bin/deno"
  export PATH="$TOOLS/bin:$PATH"
fi

cd "$NETPIX_ROOT"
log "building capture-rs (cargo build --release, offline)"
cargo build --quiet --release --offline --manifest-path capture-rs/Cargo.toml
log "bundling the UI"
deno task --quiet build:ui
