import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { PayloadKind } from "../../protocols/classify.ts";
import { analysisOptions } from "./analysis_options.ts";

const sdp = await Deno.readTextFile(new URL("../../../tests/testdata/demo.sdp", import.meta.url));

Deno.test("a source's SDP and decode-as settings become the analysis options netpix analyze would use", () => {
  const o = analysisOptions({
    decodeAs: [{ port: 1234, as: "mpegts" }, { port: 9, as: "rtcp" }],
    sdp: [{ ssrc: null, sdp }],
  });
  deepStrictEqual([...o.clockRates!], [[96, 90000], [111, 48000]]);
  deepStrictEqual([...o.codecs!], [[96, "H264"], [111, "opus"]]);
  strictEqual(o.perSsrc!.size, 0);
  strictEqual(o.payloadNames.get(111), "opus/48000");
  deepStrictEqual(o.decodeAs, [[1234, PayloadKind.MpegTs], [9, PayloadKind.Rtcp]]);
  deepStrictEqual(o.sdpPorts!.map((p) => p.port).sort(), [5004, 5005, 5006, 5007]);
  deepStrictEqual(o.sdpErrors, []);
});

Deno.test("an SDP that does not parse is reported, not applied", () => {
  const o = analysisOptions({ decodeAs: [], sdp: [{ ssrc: null, sdp: "this is not sdp" }] });
  strictEqual(o.clockRates!.size, 0);
  strictEqual(o.sdpErrors.length, 1);
});

Deno.test("an SDP set for one stream applies to that SSRC only", () => {
  const o = analysisOptions({ decodeAs: [], sdp: [{ ssrc: 0x11223344, sdp }] });
  strictEqual(o.clockRates!.size, 0, "nothing source-wide");
  deepStrictEqual([...o.perSsrc!.get(0x11223344)!.clockRates!], [[96, 90000], [111, 48000]]);
  strictEqual(o.perSsrc!.get(0x11223344)!.codecs!.get(96), "H264");
  strictEqual(o.payloadNames.get(96), "H264/90000");
});
