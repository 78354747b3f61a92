import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import {
  decodeExtensionElements,
  decodeHeaderExtension,
  extensionForm,
  ExtensionStatus,
  RtpExtensionReader,
  type RtpHeaderExtension,
} from "./extensions.ts";
import { decodeRtp } from "./header.ts";
import * as F from "./_fixtures.ts";
import { hex } from "./_fixtures.ts";
import { decodeAsRtp, hasTshark, RTP_CAPTURES, rtpDatagrams, tsharkFields } from "./_testdata.ts";

/** The extension block of a real packet: [bytes, profile, offset, length], read from its header. */
function blockOf(fx: F.RtpFixture): [Uint8Array, number, number, number] {
  const p = decodeRtp(fx.bytes);
  ok(!isFailure(p) && p.extension !== null);
  return [fx.bytes, p.extension.profile, p.extension.offset, p.extension.length];
}

/** A block from bytes that start right after the 4-byte extension header. */
function block(profile: number, data: Uint8Array): [Uint8Array, number, number, number] {
  return [data, profile, 0, data.length];
}

interface Case {
  name: string;
  block: [Uint8Array, number, number, number];
  want: Partial<RtpHeaderExtension>;
}

const cases: Case[] = [
  {
    name: "walks Chromium's one-byte elements and skips the trailing padding (chrome-av1.pcap frame 7)",
    block: blockOf(F.CHROME_OPUS_ONE_BYTE),
    want: {
      form: "one-byte",
      elements: [{ id: 2, offset: 17, length: 3 }, { id: 4, offset: 21, length: 2 }, { id: 9, offset: 24, length: 1 }, {
        id: 14,
        offset: 26,
        length: 1,
      }],
      malformed: null,
    },
  },
  {
    name: "walks a 13-byte video-timing element among six (chrome-av1.pcap frame 6)",
    block: blockOf(F.CHROME_AV1_KEY_FRAME),
    want: {
      elements: [
        { id: 2, offset: 17, length: 3 },
        { id: 4, offset: 21, length: 2 },
        { id: 9, offset: 24, length: 1 },
        { id: 8, offset: 26, length: 4 },
        { id: 3, offset: 31, length: 1 },
        { id: 7, offset: 33, length: 13 },
      ],
      malformed: null,
    },
  },
  {
    name: "walks nine two-byte elements up to 20 bytes long (chrome-vp9-two-byte.pcap frame 6)",
    block: blockOf(F.CHROME_VP9_KEY_FRAME),
    want: {
      form: "two-byte",
      length: 76,
      elements: [
        { id: 2, offset: 18, length: 3 },
        { id: 4, offset: 23, length: 2 },
        { id: 16, offset: 27, length: 1 },
        { id: 10, offset: 30, length: 2 },
        { id: 8, offset: 34, length: 4 },
        { id: 3, offset: 40, length: 1 },
        { id: 7, offset: 43, length: 13 },
        { id: 13, offset: 58, length: 20 },
        { id: 14, offset: 80, length: 10 },
      ],
      malformed: null,
    },
  },
  {
    name: "walks the two-byte elements of a padding-only RTX probe, which fill the block exactly",
    block: blockOf(F.CHROME_RTX_PADDING_TWO_BYTE),
    want: {
      elements: [
        { id: 16, offset: 18, length: 1 },
        { id: 11, offset: 21, length: 2 },
        { id: 4, offset: 25, length: 2 },
        {
          id: 2,
          offset: 29,
          length: 3,
        },
      ],
    },
  },
  {
    name: "stops at ID 15 in the one-byte form and keeps what came before (RFC 8285 §4.2)",
    block: block(0xbede, hex`10 aa  f3 01 02 03  20 bb`),
    want: { elements: [{ id: 1, offset: 1, length: 1 }], malformed: null },
  },
  {
    name: "skips a byte with ID 0 and nonzero length bits as one byte of padding",
    block: block(0xbede, hex`00 05 10 aa 00 00 00 00`),
    want: { elements: [{ id: 1, offset: 3, length: 1 }] },
  },
  {
    name: "reads a one-byte element of 16 bytes (L = 15)",
    block: block(0xbede, hex`1f 000102030405060708090a0b0c0d0e0f 000000`),
    want: { elements: [{ id: 1, offset: 1, length: 16 }], malformed: null },
  },
  {
    name: "reports a one-byte element that runs past the block and keeps the element before it",
    block: block(0xbede, hex`10 aa 23 01 02`),
    want: {
      elements: [{ id: 1, offset: 1, length: 1 }],
      malformed: {
        ok: false,
        protocol: "rtp",
        reason: "bad-length",
        offset: 2,
        detail: "extension element at byte 2 runs past the block's end at 5",
      },
    },
  },
  {
    name: "reads a two-byte element of length 0 (RFC 8285 §4.3 allows it)",
    block: block(0x1000, hex`05 00 06 01 ff 00 00 00`),
    want: { elements: [{ id: 5, offset: 2, length: 0 }, { id: 6, offset: 4, length: 1 }], malformed: null },
  },
  {
    name: "takes the appbits from the low 4 bits of a 0x100X profile",
    block: block(0x100f, hex`05 01 aa 00`),
    want: { form: "two-byte", appBits: 15, elements: [{ id: 5, offset: 2, length: 1 }] },
  },
  {
    name: "reports a two-byte element header without its length byte as truncated",
    block: block(0x1000, hex`05 01 aa 07`),
    want: {
      elements: [{ id: 5, offset: 2, length: 1 }],
      malformed: {
        ok: false,
        protocol: "rtp",
        reason: "truncated",
        offset: 3,
        detail: "two-byte extension element at byte 3 has no length byte",
      },
    },
  },
  {
    name: "keeps any other profile raw, without elements",
    block: block(0xabac, hex`01 02 03 04`),
    want: { form: "raw", appBits: 0, elements: [], malformed: null },
  },
  {
    name: "clamps a block longer than the bytes to the bytes present",
    block: [hex`10 aa`, 0xbede, 0, 8],
    want: { length: 8, elements: [{ id: 1, offset: 1, length: 1 }], malformed: null },
  },
];

for (const c of cases) {
  Deno.test(`decodeHeaderExtension() ${c.name}`, () => {
    const ext = decodeHeaderExtension(...c.block);
    const got: Record<string, unknown> = {};
    for (const key of Object.keys(c.want)) got[key] = ext[key as keyof RtpHeaderExtension];
    deepStrictEqual(got, c.want);
  });
}

Deno.test("RtpExtensionReader walks the same elements as decodeHeaderExtension() on every row", () => {
  const r = new RtpExtensionReader();
  for (const c of cases) {
    const ext = decodeHeaderExtension(...c.block);
    const elements = [];
    if (r.reset(...c.block)) { while (r.next()) elements.push({ id: r.id, offset: r.offset, length: r.length }); }
    deepStrictEqual(elements, ext.elements, c.name);
    strictEqual(r.status === ExtensionStatus.Ok || r.status === ExtensionStatus.NotElements, ext.malformed === null);
    strictEqual(r.next(), false, `${c.name}: next() after the end`);
  }
});

Deno.test("decodeExtensionElements() returns the elements, or the reason there are none", () => {
  deepStrictEqual(decodeExtensionElements(...blockOf(F.CHROME_OPUS_TWO_BYTE)), [
    { id: 2, offset: 18, length: 3 },
    { id: 4, offset: 23, length: 2 },
    { id: 16, offset: 27, length: 1 },
    { id: 12, offset: 30, length: 1 },
  ]);
  const raw = decodeExtensionElements(...block(0xabac, hex`01 02 03 04`));
  strictEqual(isFailure(raw) && raw.detail, "extension profile 0xabac has no RFC 8285 elements");
  const cut = decodeExtensionElements(...block(0xbede, hex`12 01`));
  strictEqual(isFailure(cut) && cut.reason, "bad-length");
});

Deno.test("extensionForm() tells the RFC 8285 forms from other profiles", () => {
  deepStrictEqual([0xbede, 0x1000, 0x1005, 0x100f, 0x1010, 0xbedf, 0].map(extensionForm), [
    "one-byte",
    "two-byte",
    "two-byte",
    "two-byte",
    "raw",
    "raw",
    "raw",
  ]);
});

// ---------------------------------------------------------------------------------------------------------------
// Every element of every capture against tshark.

for (const capture of RTP_CAPTURES.filter((c) => c.file.includes("chrome"))) {
  Deno.test({
    name: `decodeRtp() finds the same extension elements as tshark in every packet of ${capture.file}`,
    ignore: !hasTshark,
    fn: async () => {
      const rows = await tsharkFields(capture.file, await decodeAsRtp(capture.file), [
        "rtp.ext.rfc5285.id",
        "rtp.ext.rfc5285.len",
        "rtp.ext.rfc5285.appbits",
      ]);
      let elements = 0;
      for (const { frame, bytes } of await rtpDatagrams(capture.file)) {
        const p = decodeRtp(bytes);
        ok(!isFailure(p) && p.extension !== null && p.extension.malformed === null, `frame ${frame}`);
        const t = rows.get(frame)!;
        deepStrictEqual(
          p.extension.elements.map((e) => [e.id, e.length]),
          t["rtp.ext.rfc5285.id"]!.map((id, i) => [Number(id), Number(t["rtp.ext.rfc5285.len"]![i])]),
          `${capture.file} frame ${frame}`,
        );
        elements += p.extension.elements.length;
      }
      ok(elements > 100, `only ${elements} elements`);
    },
  });
}
