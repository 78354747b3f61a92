import { deepStrictEqual } from "node:assert/strict";
import { decodeReferencePictureSelection } from "./reference_picture_selection.ts";
import { headerAt, RPSI, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "reads PB, the payload type and the bit string",
    bytes: RPSI,
    want: {
      type: "rpsi",
      mediaSsrc: 0x11223344,
      paddingBits: 8,
      payloadType: 96,
      bitString: hex`01 02 03 04 05 00`,
      bitLength: 40,
    },
  },
  {
    name: "ignores the bit before the payload type",
    bytes: hex`83 ce 00 03  00 00 00 01  00 00 00 02  00 e0 12 34`,
    want: { payloadType: 96, bitLength: 16 },
  },
  {
    name: "fails when PB exceeds the bit string",
    bytes: hex`83 ce 00 03  00 00 00 01  00 00 00 02  11 60 12 34`,
    want: { ok: false, reason: "bad-value", offset: 12 },
  },
  {
    name: "fails without an FCI",
    bytes: hex`83 ce 00 02  00 00 00 01  00 00 00 02`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeReferencePictureSelection() ${c.name}`, () => {
    deepStrictEqual(subset(decodeReferencePictureSelection(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}
