import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { type AdaptationField, decodeAdaptationField } from "./adaptation_field.ts";
import { pcrBytes, ts33Bytes } from "./_encode.ts";
import * as F from "./_fixtures.ts";

/** The adaptation field of a fixture: from byte 4 to the end of the packet. */
const afOf = (f: F.TsFixture) => f.bytes.subarray(4);

/**
 * Built from ISO/IEC 13818-1 Table 2-6, every optional field present: discontinuity, PCR, OPCR, splice_countdown −3,
 * 2 bytes of private data, an extension with ltw, piecewise_rate and seamless_splice, then 2 stuffing bytes.
 */
const EVERY_FIELD = new Uint8Array([
  31, // adaptation_field_length
  0x9f, // discontinuity + PCR + OPCR + splicing_point + transport_private_data + extension
  ...pcrBytes(2 ** 33 - 1, 299), // PCR: the largest base
  ...pcrBytes(90_000, 150), // OPCR: 1 s + 150 ticks of 27 MHz
  0xfd, // splice_countdown −3 (two's complement)
  0x02,
  0xde,
  0xad, // transport_private_data_length 2
  11, // adaptation_field_extension_length
  0xff, // ltw + piecewise_rate + seamless_splice, af_descriptor_not_present, reserved '1111'
  0x80 | 0x12,
  0x34, // ltw_valid, ltw_offset 0x1234
  0xc0 | 0x01,
  0x23,
  0x45, // reserved '11', piecewise_rate 0x12345
  ...ts33Bytes(3, 0x1_2345_6789), // splice_type 3, DTS_next_AU
  0xff,
  0xff, // stuffing
]);

type Want = Partial<Omit<AdaptationField, "pcr" | "opcr">> & { pcr?: number | null; opcr?: number | null };

const cases: { name: string; bytes: Uint8Array; want: Want }[] = [
  {
    name: "reads random access and the PCR of the first video packet (demo.pcap frame 1)",
    bytes: afOf(F.DEMO_VIDEO_PES_START),
    want: { length: 7, randomAccess: true, discontinuity: false, pcr: 65050 * 300 + 60, opcr: null, stuffingLength: 0 },
  },
  {
    name: "reads a 183-byte field with a PCR and 176 stuffing bytes (demo.pcap frame 1, AFC '10')",
    bytes: afOf(F.DEMO_PCR_ONLY),
    want: { length: 183, pcr: 64035 * 300, stuffingLength: 176, nonFfStuffing: 0 },
  },
  {
    name: "reads adaptation_field_length 0 as one byte with no flags (demo.pcap frame 368)",
    bytes: afOf(F.DEMO_AF_LENGTH_0),
    want: { length: 0, randomAccess: false, pcr: null, stuffingLength: 0 },
  },
  {
    name: "reads a 1-byte field with only random_access_indicator (demo.pcap frame 52, audio)",
    bytes: afOf(F.DEMO_AUDIO_PES_START),
    want: { length: 1, randomAccess: true, pcr: null, extension: null },
  },
  {
    name: "reads discontinuity_indicator on a PAT (mpeg2-multilang.pcap, +initial_discontinuity)",
    bytes: afOf(F.MULTILANG_PAT),
    want: { length: 1, discontinuity: true, randomAccess: false },
  },
  {
    name: "reads discontinuity, random access and PCR together (mpeg2-multilang.pcap frame 1)",
    bytes: afOf(F.MULTILANG_VIDEO_PES_START),
    want: { length: 7, discontinuity: true, randomAccess: true, pcr: 63000 * 300 },
  },
  {
    name: "reads every optional field of Table 2-6",
    bytes: EVERY_FIELD,
    want: {
      length: 31,
      discontinuity: true,
      pcr: (2 ** 33 - 1) * 300 + 299,
      opcr: 90_000 * 300 + 150,
      spliceCountdown: -3,
      stuffingLength: 2,
    },
  },
];

for (const c of cases) {
  Deno.test(`decodeAdaptationField() ${c.name}`, () => {
    const af = decodeAdaptationField(c.bytes, 0, c.bytes.length);
    ok(!isFailure(af), isFailure(af) ? af.detail : "");
    const { pcr, opcr, ...rest } = c.want;
    if (pcr !== undefined) strictEqual(af.pcr?.value ?? null, pcr);
    if (opcr !== undefined) strictEqual(af.opcr?.value ?? null, opcr);
    const got = Object.fromEntries(Object.keys(rest).map((k) => [k, af[k as keyof AdaptationField]]));
    deepStrictEqual(got, rest);
  });
}

Deno.test("decodeAdaptationField() reads private data and the extension's ltw, piecewise rate and splice", () => {
  const af = decodeAdaptationField(EVERY_FIELD, 0);
  ok(!isFailure(af));
  deepStrictEqual(Array.from(af.transportPrivateData ?? []), [0xde, 0xad]);
  deepStrictEqual(af.pcr, { base: 2 ** 33 - 1, extension: 299, value: (2 ** 33 - 1) * 300 + 299 });
  const ext = af.extension;
  ok(ext !== null);
  deepStrictEqual(
    [ext.length, ext.ltw, ext.piecewiseRate, ext.seamlessSplice, ext.afDescriptorNotPresent, ext.remainder.length],
    [
      11,
      { valid: true, offset: 0x1234 },
      0x12345,
      { spliceType: 3, dtsNextAu: 0x1_2345_6789, markersOk: true },
      true,
      0,
    ],
  );
});

Deno.test("decodeAdaptationField() counts stuffing bytes that are not 0xFF", () => {
  const bytes = EVERY_FIELD.slice();
  bytes[bytes.length - 1] = 0x00;
  const af = decodeAdaptationField(bytes, 0);
  strictEqual(!isFailure(af) && af.nonFfStuffing, 1);
});

Deno.test("decodeAdaptationField() reads af_descriptor bytes when af_descriptor_not_present_flag is 0", () => {
  const bytes = new Uint8Array([6, 0x01, 4, 0x00, 0x04, 0x01, 0xaa]); // extension of 4: no flags, one 3-byte af_descriptor
  const af = decodeAdaptationField(bytes, 0);
  ok(!isFailure(af));
  deepStrictEqual([af.extension?.afDescriptorNotPresent, Array.from(af.extension?.remainder ?? [])], [false, [
    0x04,
    0x01,
    0xaa,
  ]]);
});

const failures: { name: string; bytes: Uint8Array; available?: number; reason: string }[] = [
  { name: "reports no byte at all as truncated", bytes: new Uint8Array(0), reason: "truncated" },
  {
    name: "reports a length past the packet",
    bytes: new Uint8Array([184, 0x10]),
    available: 184,
    reason: "bad-length",
  },
  {
    name: "reports a PCR cut by the field's length",
    bytes: EVERY_FIELD.slice(0, 8).fill(5, 0, 1),
    reason: "bad-length",
  },
  {
    name: "reports an OPCR cut by the field's length",
    bytes: new Uint8Array([5, 0x08, 0, 0, 0, 0]),
    reason: "bad-length",
  },
  { name: "reports private data past the field", bytes: new Uint8Array([3, 0x02, 5, 0xaa]), reason: "bad-length" },
  { name: "reports an extension past the field", bytes: new Uint8Array([3, 0x01, 9, 0x00]), reason: "bad-length" },
  {
    name: "reports a seamless splice cut by the extension's length",
    bytes: new Uint8Array([5, 0x01, 3, 0x20, 0x31, 0x00]),
    reason: "bad-length",
  },
];
for (const c of failures) {
  Deno.test(`decodeAdaptationField() ${c.name}`, () => {
    const af = decodeAdaptationField(c.bytes, 0, c.available ?? c.bytes.length);
    strictEqual(isFailure(af) && af.reason, c.reason);
  });
}
