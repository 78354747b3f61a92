/**
 * netpix's version, printed by `--version` and sent to clients. Its one source is `version` in deno.json; the
 * commit and the libpcap version that go with it are in {@linkcode ./build_info.ts}.
 * @module
 */

import denoJson from "../deno.json" with { type: "json" };

export const VERSION: string = denoJson.version;
