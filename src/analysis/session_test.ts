import { strictEqual } from "node:assert/strict";
import { AnalysisSession } from "./session.ts";
import { readPcap } from "../../tests/_pcap_reader.ts";

const DEMO = readPcap(await Deno.readFile(new URL("../../tests/testdata/demo.pcap", import.meta.url)));
const VIDEO = 0x11223344; // PT 96, H264/90000 in tests/testdata/demo.sdp
const AUDIO = 0x55667788; // PT 111, opus/48000

function analyse(session: AnalysisSession) {
  for (const r of DEMO.records) {
    const nsec = DEMO.nanosecond ? r.timestampFraction : r.timestampFraction * 1000;
    session.observe(r.data, DEMO.linkType, r.timestampSeconds, nsec, r.originalLength);
  }
  return session.report().rtp_streams;
}

Deno.test("AnalysisSession applies payload-type facts given for one SSRC to that stream only", () => {
  const streams = analyse(
    new AnalysisSession({
      perSsrc: new Map([[VIDEO, { clockRates: new Map([[96, 90000]]), codecs: new Map([[96, "H264"]]) }]]),
    }),
  );
  const video = streams.find((s) => s.ssrc === VIDEO)!;
  const audio = streams.find((s) => s.ssrc === AUDIO)!;
  strictEqual(video.clock_rate, 90000);
  strictEqual(video.codec, "H264");
  strictEqual(video.mean_jitter_ms, 1.324, "as netpix analyze --sdp (and tshark) report it");
  strictEqual(audio.clock_rate, null, "the audio stream has no SDP of its own");
  strictEqual(audio.codec, null);
});

Deno.test("AnalysisSession lets a stream's own facts win over the source-wide ones", () => {
  const streams = analyse(
    new AnalysisSession({
      clockRates: new Map([[96, 8000]]),
      perSsrc: new Map([[VIDEO, { clockRates: new Map([[96, 90000]]) }]]),
    }),
  );
  strictEqual(streams.find((s) => s.ssrc === VIDEO)!.clock_rate, 90000);
});
