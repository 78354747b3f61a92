# Sourced by the other scripts: puts the project's pinned deno (.tools/bin) and cargo on PATH when present.
_netpix_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -x "$_netpix_root/.tools/bin/deno" ] && export PATH="$_netpix_root/.tools/bin:$PATH"
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$PATH:$HOME/.cargo/bin"
unset _netpix_root
