import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { clockRateFor, portsOf } from "./ports.ts";
import { parsed } from "./_test_util.ts";

const TESTDATA = new URL("../../../tests/testdata/", import.meta.url);
const fixture = (name: string) => parsed(Deno.readTextFileSync(new URL(name, TESTDATA)));
const LF = (...lines: string[]) => lines.join("\n") + "\n";
const HEAD = ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0"];

/** `address:port carries from #mediaIndex` per pair. */
const summary = (text: string) =>
  portsOf(parsed(text)).map((p) => `${p.address}:${p.port} ${p.carries} ${p.from} #${p.mediaIndex}`);

Deno.test("portsOf() gives the demo SDP's RTP ports and RTCP on port + 1", () => {
  deepStrictEqual(portsOf(fixture("demo.sdp")), [
    { address: "127.0.0.1", port: 5004, carries: "rtp", from: "m-line", mediaIndex: 0 },
    { address: "127.0.0.1", port: 5005, carries: "rtcp", from: "port+1", mediaIndex: 0 },
    { address: "127.0.0.1", port: 5006, carries: "rtp", from: "m-line", mediaIndex: 1 },
    { address: "127.0.0.1", port: 5007, carries: "rtcp", from: "port+1", mediaIndex: 1 },
  ]);
});

Deno.test("portsOf() gives Chromium's muxed ports from m= and the candidates, and skips the data channel", () => {
  deepStrictEqual(portsOf(fixture("sdp/chromium-offer.sdp")), [
    // a=rtcp:9 IN IP4 0.0.0.0 is JSEP's fallback for peers without rtcp-mux; with a=rtcp-mux it announces nothing.
    { address: "192.0.2.2", port: 52706, carries: "rtp+rtcp", from: "m-line", mediaIndex: 0, mid: "0" },
    { address: "fd00::2", port: 46064, carries: "rtp+rtcp", from: "candidate", mediaIndex: 0, mid: "0" },
    { address: "192.0.2.2", port: 53375, carries: "rtp+rtcp", from: "m-line", mediaIndex: 1, mid: "1" },
    { address: "fd00::2", port: 46037, carries: "rtp+rtcp", from: "candidate", mediaIndex: 1, mid: "1" },
  ]);
});

Deno.test("portsOf() skips JSEP's 0.0.0.0 port 9 placeholder and keeps the mDNS candidates", () => {
  deepStrictEqual(portsOf(fixture("sdp/chromium-simulcast-offer.sdp")).map((p) => `${p.address}:${p.port}`), [
    "455494a6-c1aa-456c-b40a-ced228c6e8fc.local:54296",
    "713f616e-a461-4b3c-984b-51324479e6e3.local:38590",
  ]);
});

const cases: { name: string; text: string; want: string[] }[] = [
  {
    name: "uses a=rtcp with its address",
    text: LF(...HEAD, "m=audio 5004 RTP/AVP 0", "a=rtcp:6000 IN IP4 192.0.2.7"),
    want: ["192.0.2.1:5004 rtp m-line #0", "192.0.2.7:6000 rtcp a=rtcp #0"],
  },
  {
    name: "uses a=rtcp without address on the section's address",
    text: LF(...HEAD, "m=audio 5004 RTP/AVP 0", "a=rtcp:6000"),
    want: ["192.0.2.1:5004 rtp m-line #0", "192.0.2.1:6000 rtcp a=rtcp #0"],
  },
  {
    name: "gives one muxed pair with a=rtcp-mux",
    text: LF(...HEAD, "m=audio 5004 RTP/SAVPF 0", "a=rtcp-mux"),
    want: ["192.0.2.1:5004 rtp+rtcp m-line #0"],
  },
  {
    name: "skips a section with port 0 and one that is not RTP",
    text: LF(
      ...HEAD,
      "m=audio 0 RTP/AVP 0",
      "m=application 5000 UDP/DTLS/SCTP webrtc-datachannel",
      "m=video 5004 udp 33",
    ),
    want: [],
  },
  {
    name: "expands a port count into RTP/RTCP port pairs (RFC 8866 §5.14)",
    text: LF(...HEAD, "m=video 5004/2 RTP/AVP 31"),
    want: [
      "192.0.2.1:5004 rtp m-line #0",
      "192.0.2.1:5005 rtcp port+1 #0",
      "192.0.2.1:5006 rtp m-line #0",
      "192.0.2.1:5007 rtcp port+1 #0",
    ],
  },
  {
    name: "reads candidates: component 2 is RTCP, tcptype active is skipped",
    text: LF(
      ...HEAD,
      "m=audio 5004 RTP/AVP 0",
      "a=candidate:1 1 UDP 2130706431 192.0.2.1 5004 typ host",
      "a=candidate:1 2 UDP 2130706430 192.0.2.1 5005 typ host",
      "a=candidate:2 1 UDP 1694498815 198.51.100.7 40000 typ srflx raddr 192.0.2.1 rport 5004",
      "a=candidate:2 2 UDP 1694498814 198.51.100.7 40001 typ srflx raddr 192.0.2.1 rport 5005",
      "a=candidate:3 1 TCP 1518280447 192.0.2.1 9 typ host tcptype active",
    ),
    want: [
      "192.0.2.1:5004 rtp m-line #0",
      "192.0.2.1:5005 rtcp port+1 #0",
      "198.51.100.7:40000 rtp candidate #0",
      "198.51.100.7:40001 rtcp candidate #0",
    ],
  },
  {
    name: "lists a pair shared by two sections once, as the first section's, and merges what it carries",
    text: LF(...HEAD, "m=audio 5004 RTP/AVP 0", "m=video 5003 RTP/AVP 31"),
    want: [
      "192.0.2.1:5004 rtp+rtcp m-line #0",
      "192.0.2.1:5005 rtcp port+1 #0",
      "192.0.2.1:5003 rtp m-line #1",
    ],
  },
  {
    name: "announces nothing for a section without any c= line",
    text: LF("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0", "m=audio 5004 RTP/AVP 0"),
    want: [],
  },
];

for (const c of cases) Deno.test(`portsOf() ${c.name}`, () => deepStrictEqual(summary(c.text), c.want));

Deno.test("clockRateFor() reads the clock rate of static and dynamic PTs of ffmpeg's SDPs", () => {
  strictEqual(clockRateFor(fixture("sdp/pcmu.sdp"), 0), 8000);
  strictEqual(clockRateFor(fixture("sdp/g722.sdp"), 9, 47014), 8000);
  strictEqual(clockRateFor(fixture("sdp/opus.sdp"), 97, 47016), 48000);
  strictEqual(clockRateFor(fixture("sdp/mpegts.sdp"), 33), 90000);
  strictEqual(clockRateFor(fixture("demo.sdp"), 96, 5004), 90000);
  strictEqual(clockRateFor(fixture("demo.sdp"), 111, 5006), 48000);
});

Deno.test("clockRateFor() gives undefined for a PT the SDP does not list", () => {
  strictEqual(clockRateFor(fixture("demo.sdp"), 0), undefined);
  strictEqual(clockRateFor(fixture("sdp/pcmu.sdp"), 8), undefined);
});

Deno.test("clockRateFor() picks the section by port, and gives undefined when the PT is ambiguous", () => {
  const s = parsed(
    LF(
      ...HEAD,
      "m=audio 5004 RTP/AVP 96",
      "a=rtpmap:96 opus/48000/2",
      "m=video 5006 RTP/AVP 96",
      "a=rtpmap:96 VP8/90000",
    ),
  );
  strictEqual(clockRateFor(s, 96, 5004), 48000);
  strictEqual(clockRateFor(s, 96, 5006), 90000);
  strictEqual(clockRateFor(s, 96), undefined);
  strictEqual(clockRateFor(s, 96, 7000), undefined); // no section on that port: all remain, and they disagree
});

Deno.test("clockRateFor() finds a PT BUNDLEd with the section whose port the packet used (Chromium offer)", () => {
  const s = fixture("sdp/chromium-offer.sdp");
  strictEqual(clockRateFor(s, 96, 52706), 90000); // VP8, video section, arriving on the audio section's port
  strictEqual(clockRateFor(s, 111, 46037), 48000); // Opus on the video section's IPv6 candidate port
  strictEqual(clockRateFor(s, 9, 52706), 8000);
  strictEqual(clockRateFor(s, 126), 8000);
});

Deno.test("clockRateFor() matches the ports of a section's candidates", () => {
  const s = parsed(LF(
    ...HEAD,
    "m=audio 5004 RTP/AVP 96",
    "a=rtpmap:96 opus/48000/2",
    "m=video 5006 RTP/AVP 96",
    "a=rtpmap:96 VP8/90000",
    "a=candidate:1 1 udp 2130706431 192.0.2.1 41000 typ host",
  ));
  strictEqual(clockRateFor(s, 96, 41000), 90000);
});
