#!/usr/bin/env bash
# Regenerates src/eventlog/gen/rtc_event_log2_pb.ts from src/eventlog/rtc_event_log2.proto with npm's buf and
# protoc-gen-es (pinned to the @bufbuild/protobuf runtime version in deno.json). Needs node/npm; the generated file
# is committed, so neither setup nor tests run this.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund \
  @bufbuild/buf@1.75.0 @bufbuild/protoc-gen-es@2.17.0 @bufbuild/protobuf@2.17.0)
cat >"$work/buf.gen.yaml" <<YAML
version: v2
plugins:
  - local: $work/node_modules/.bin/protoc-gen-es
    out: src/eventlog/gen
    opt: [target=ts, import_extension=ts]
YAML
"$work/node_modules/.bin/buf" generate --template "$work/buf.gen.yaml" src/eventlog/rtc_event_log2.proto
deno fmt src/eventlog/gen/rtc_event_log2_pb.ts
