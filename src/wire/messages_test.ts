import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { decodeInflated, decodeServerMessage, deflatedMessage, encodeControl } from "./messages.ts";

const deflate = (msg: Uint8Array) => deflatedMessage(deflateRawSync(msg));

Deno.test("decodeInflated() decodes the control message a deflated message wraps", async () => {
  const wrapped = deflate(encodeControl({ type: "replay-done", source: 3, nextId: 42 }));
  const outer = decodeServerMessage(wrapped);
  strictEqual(outer.kind, "deflated");
  deepStrictEqual(await decodeInflated(wrapped), {
    kind: "control",
    message: { type: "replay-done", source: 3, nextId: 42 },
  });
});

Deno.test("decodeInflated() turns corrupt DEFLATE data and a deflated message inside another into invalid ones", async () => {
  const corrupt = await decodeInflated(deflatedMessage(new Uint8Array([0xff, 0xff, 0xff, 0xff])));
  ok(corrupt.kind === "invalid" && corrupt.reason.startsWith("cannot inflate: "), JSON.stringify(corrupt));
  const nested = await decodeInflated(deflate(deflate(encodeControl({ type: "replay-done", source: 0, nextId: 1 }))));
  deepStrictEqual(nested, { kind: "invalid", reason: "a deflated message inside a deflated message" });
});
