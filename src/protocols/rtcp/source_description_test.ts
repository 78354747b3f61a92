import { deepStrictEqual } from "node:assert/strict";
import { decodeSourceDescription, SDES_ITEM_NAMES, SdesItemType } from "./source_description.ts";
import { DEMO_CNAME, DEMO_FRAME_8, headerAt, INVALID_UTF8, RR_SDES_BYE, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; offset?: number; want: Record<string, unknown> }[] = [
  {
    name: "reads ffmpeg's CNAME from demo.pcap frame 8",
    bytes: DEMO_FRAME_8.bytes,
    offset: 28,
    want: {
      type: "sdes",
      offset: 28,
      byteLength: 32,
      padding: 0,
      chunks: [{ ssrc: 0x11223344, items: [{ itemType: 1, text: DEMO_CNAME, prefix: null }] }],
    },
  },
  {
    name: "reads every item type (1–8) and a second chunk",
    bytes: RR_SDES_BYE,
    offset: 56,
    want: {
      chunks: [
        {
          ssrc: 0xaabbccdd,
          items: [
            { itemType: SdesItemType.CNAME, text: "rx@example.net", prefix: null },
            { itemType: SdesItemType.NAME, text: "Réceiver", prefix: null },
            { itemType: SdesItemType.EMAIL, text: "rx@example.net", prefix: null },
            { itemType: SdesItemType.PHONE, text: "+1 555 0100", prefix: null },
            { itemType: SdesItemType.LOC, text: "Lab 3", prefix: null },
            { itemType: SdesItemType.TOOL, text: "netpix-test/1", prefix: null },
            { itemType: SdesItemType.NOTE, text: "on air", prefix: null },
            { itemType: SdesItemType.PRIV, text: "1", prefix: "x-np" },
          ],
        },
        { ssrc: 0x01020304, items: [{ itemType: 1, text: "peer", prefix: null }] },
      ],
    },
  },
  {
    name: "replaces invalid UTF-8 with U+FFFD instead of failing (netpix-original.md §8.3)",
    bytes: INVALID_UTF8,
    // 61 ff 62 c3 28 63 80: ff is never valid; c3 needs a continuation byte, 28 is not one; 80 has no lead byte.
    want: { chunks: [{ ssrc: 0xaabbccdd, items: [{ itemType: 1, text: "a\uFFFDb\uFFFD(c\uFFFD", prefix: null }] }] },
  },
  {
    name: "reads a chunk with no items (a null octet and 3 of padding)",
    bytes: hex`81 ca 00 02  aa bb cc dd  00 00 00 00`,
    want: { chunks: [{ ssrc: 0xaabbccdd, items: [] }] },
  },
  {
    name: "reads an SDES with SC 0 and no chunks",
    bytes: hex`80 ca 00 00`,
    want: { chunks: [] },
  },
  {
    name: "reads an empty item",
    bytes: hex`81 ca 00 02  aa bb cc dd  07 00 00 00`,
    want: { chunks: [{ ssrc: 0xaabbccdd, items: [{ itemType: 7, text: "", prefix: null }] }] },
  },
  {
    name: "keeps an item type above 8 with its number",
    bytes: hex`81 ca 00 03  aa bb cc dd  63 02 68 69  00 00 00 00`,
    want: { chunks: [{ ssrc: 0xaabbccdd, items: [{ itemType: 99, text: "hi", prefix: null }] }] },
  },
  {
    name: "reads a PRIV item with an empty prefix and value",
    bytes: hex`81 ca 00 02  aa bb cc dd  08 01 00 00`,
    want: { chunks: [{ ssrc: 0xaabbccdd, items: [{ itemType: 8, text: "", prefix: "" }] }] },
  },
  {
    name: "reads a chunk whose padding nulls are not zero",
    bytes: hex`81 ca 00 02  aa bb cc dd  00 ff ff ff`,
    want: { chunks: [{ ssrc: 0xaabbccdd, items: [] }] },
  },
  {
    name: "fails when the item list has no null octet",
    bytes: hex`81 ca 00 02  aa bb cc dd  01 02 68 69`,
    want: { ok: false, reason: "truncated", offset: 12 },
  },
  {
    name: "fails when an item is longer than the packet",
    bytes: hex`81 ca 00 02  aa bb cc dd  01 05 68 69`,
    want: { ok: false, reason: "truncated", offset: 9 },
  },
  {
    name: "fails when an item has no length octet",
    bytes: hex`81 ca 00 02  aa bb cc dd  01 01 61 01`,
    want: { ok: false, reason: "truncated", offset: 11 },
  },
  {
    name: "fails when SC says 2 chunks and there is 1",
    bytes: hex`82 ca 00 02  aa bb cc dd  00 00 00 00`,
    want: { ok: false, reason: "truncated", offset: 12 },
  },
  {
    name: "fails on bytes after the last chunk",
    bytes: hex`81 ca 00 03  aa bb cc dd  00 00 00 00  01 02 03 04`,
    want: { ok: false, reason: "bad-length", offset: 12 },
  },
  {
    name: "fails on a PRIV prefix longer than its item",
    bytes: hex`81 ca 00 02  aa bb cc dd  08 01 05 00`,
    want: { ok: false, reason: "bad-length", offset: 10 },
  },
  {
    name: "fails on a PRIV item with no prefix length octet",
    bytes: hex`81 ca 00 02  aa bb cc dd  08 00 00 00`,
    want: { ok: false, reason: "bad-length", offset: 10 },
  },
];
for (const c of cases) {
  Deno.test(`decodeSourceDescription() ${c.name}`, () => {
    const got = decodeSourceDescription(c.bytes, headerAt(c.bytes, c.offset ?? 0));
    deepStrictEqual(subset(got, c.want), c.want);
  });
}

Deno.test("SDES_ITEM_NAMES names each type by its number", () => {
  deepStrictEqual(SDES_ITEM_NAMES[SdesItemType.CNAME], "CNAME");
  deepStrictEqual(SDES_ITEM_NAMES[SdesItemType.PRIV], "PRIV");
  deepStrictEqual(SDES_ITEM_NAMES[9], undefined);
});

Deno.test("decodeSourceDescription() decodes long non-ASCII text like TextDecoder", () => {
  const text = "Ünïcödé ".repeat(20); // 240 bytes, then "A"s to fill the 255-byte item
  const encoded = new TextEncoder().encode(text);
  const bytes = new Uint8Array(4 + 4 + 2 + 255 + 1 + 2);
  const item = new Uint8Array(255).fill(0x41);
  item.set(encoded);
  bytes.set([0x81, 0xca, 0, (bytes.length / 4) - 1, 0, 0, 0, 1, 1, 255]);
  bytes.set(item, 10);
  const got = decodeSourceDescription(bytes, headerAt(bytes));
  deepStrictEqual(
    "chunks" in got && got.chunks[0]!.items[0]!.text,
    new TextDecoder().decode(item),
  );
});
