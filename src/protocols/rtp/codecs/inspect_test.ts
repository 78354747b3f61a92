import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodeRtp } from "../header.ts";
import { codecInspector, inspectPayload } from "./inspect.ts";
import { inspectAv1 } from "./av1.ts";
import { inspectH264 } from "./h264.ts";
import { inspectH265 } from "./h265.ts";
import { inspectVp8 } from "./vp8.ts";
import { inspectVp9 } from "./vp9.ts";
import { RTP_CAPTURES, rtpDatagrams, sdpMaps } from "../_testdata.ts";

Deno.test("codecInspector() picks the inspector by encoding name, whatever its case", () => {
  deepStrictEqual(
    ["H264", "h264", "H265", "VP8", "vp9", "Av1"].map(codecInspector),
    [inspectH264, inspectH264, inspectH265, inspectVp8, inspectVp9, inspectAv1],
  );
  deepStrictEqual(["opus", "rtx", "HEVC", "", "red"].map(codecInspector), [null, null, null, null, null]);
});

Deno.test("inspectPayload() returns null for a codec without an inspector", () => {
  strictEqual(inspectPayload("opus", new Uint8Array([0x78, 0x9e])), null);
});

Deno.test("inspectPayload() reads every video packet of every capture by the codec its SDP names", async () => {
  const seen = new Map<string, number>();
  for (const capture of RTP_CAPTURES) {
    const { rtpmap } = await sdpMaps(capture.sdp);
    for (const { frame, bytes } of await rtpDatagrams(capture.file)) {
      const p = decodeRtp(bytes);
      ok(!isFailure(p));
      const codec = rtpmap.get(p.payloadType) ?? "";
      const info = inspectPayload(codec, bytes, p.payloadOffset, p.payloadLength);
      const inspector = codecInspector(codec);
      if (inspector === null) {
        strictEqual(info, null);
        continue;
      }
      ok(info !== null, `${capture.file} frame ${frame}: ${codec} not read`);
      deepStrictEqual(info, inspector(bytes, p.payloadOffset, p.payloadLength));
      seen.set(codec, (seen.get(codec) ?? 0) + 1);
    }
  }
  deepStrictEqual([...seen.keys()].sort(), ["AV1", "H264", "H265", "VP8", "VP9"]);
});

Deno.test("every inspector returns null for an empty, negative or NaN range", () => {
  const bytes = new Uint8Array([0x7c, 0x85, 0x88, 0x84]);
  for (const inspect of [inspectH264, inspectH265, inspectVp8, inspectVp9, inspectAv1]) {
    for (const [offset, length] of [[0, 0], [2, -1], [-1, 3], [NaN, 2], [0, NaN], [4, 2]]) {
      strictEqual(inspect(bytes, offset, length), null, `${inspect.name}(${offset}, ${length})`);
    }
  }
});
