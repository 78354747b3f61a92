import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodeCat } from "./cat.ts";
import { section } from "./_section_test_helpers.ts";

// ffmpeg writes no CAT; these sections are built from ISO/IEC 13818-1 Table 2-32 with two CA_descriptors.
const TWO_SYSTEMS = section([
  0x01,
  0xb0,
  0,
  0xff,
  0xff,
  0xc3,
  0,
  0,
  0x09,
  0x04,
  0x0b,
  0x00,
  0xe1,
  0x01, // Conax, EMM PID 0x0101
  0x09,
  0x06,
  0x05,
  0x00,
  0xff,
  0xfe,
  0xaa,
  0xbb, // Viaccess, EMM PID 0x1FFE, 2 private bytes
]);

Deno.test("decodeCat() reads the EMM PIDs of two CA systems", () => {
  const c = decodeCat(TWO_SYSTEMS);
  ok(!isFailure(c));
  deepStrictEqual(
    c.descriptors.descriptors.map((d) =>
      d.decoded?.kind === "ca" ? [d.decoded.caSystemId, d.decoded.caPid, d.decoded.privateData.length] : null
    ),
    [[0x0b00, 0x101, 0], [0x0500, 0x1ffe, 2]],
  );
  deepStrictEqual([c.header.version, c.header.crcOk, c.descriptors.error], [1, true, null]);
});

Deno.test("decodeCat() keeps the descriptors before one that overruns the section", () => {
  const c = decodeCat(
    section([0x01, 0xb0, 0, 0xff, 0xff, 0xc1, 0, 0, 0x09, 0x04, 0x0b, 0x00, 0xe1, 0x01, 0x09, 0x09, 0x05]),
  );
  ok(!isFailure(c));
  deepStrictEqual([c.descriptors.descriptors.length, c.descriptors.error?.reason], [1, "bad-length"]);
});

Deno.test("decodeCat() rejects a table other than the CAT", () => {
  const r = decodeCat(section([0x02, 0xb0, 0, 0, 1, 0xc1, 0, 0, 0xe1, 0, 0xf0, 0]));
  strictEqual(isFailure(r) && r.reason, "bad-value");
});
