import { deepStrictEqual } from "node:assert/strict";
import { decodeGenericNack } from "./generic_nack.ts";
import { GENERIC_NACK, headerAt, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "expands PID and BLP into the lost sequence numbers, wrapping at 65536",
    bytes: GENERIC_NACK,
    want: {
      type: "nack",
      senderSsrc: 0xaabbccdd,
      mediaSsrc: 0x11223344,
      pairs: [{ pid: 1000, blp: 0x8001 }, { pid: 65534, blp: 0x0003 }],
      lost: [1000, 1001, 1016, 65534, 65535, 0],
    },
  },
  {
    name: "reports all 17 packets of a full BLP",
    bytes: hex`81 cd 00 03  00 00 00 01  00 00 00 02  ff f8 ff ff`,
    want: { lost: [65528, 65529, 65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3, 4, 5, 6, 7, 8] },
  },
  {
    name: "keeps a sequence number that two entries both report",
    bytes: hex`81 cd 00 04  00 00 00 01  00 00 00 02  00 0a 00 01  00 0b 00 00`,
    want: { lost: [10, 11, 11] },
  },
  {
    name: "fails without an FCI entry (RFC 4585 §6.1: at least one)",
    bytes: hex`81 cd 00 02  00 00 00 01  00 00 00 02`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "fails without the media SSRC",
    bytes: hex`81 cd 00 01  00 00 00 01`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "fails when padding leaves half an entry",
    bytes: hex`a1 cd 00 04  00 00 00 01  00 00 00 02  00 0a 00 01  00 00 00 02`,
    want: { ok: false, reason: "bad-length" },
  },
];
for (const c of cases) {
  Deno.test(`decodeGenericNack() ${c.name}`, () => {
    deepStrictEqual(subset(decodeGenericNack(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}
