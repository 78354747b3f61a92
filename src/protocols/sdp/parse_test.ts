import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { parseSdp } from "./parse.ts";
import { parsed, ptSummary, warningsOf } from "./_test_util.ts";

const TESTDATA = new URL("../../../tests/testdata/", import.meta.url);
const fixture = (name: string) => Deno.readTextFileSync(new URL(name, TESTDATA));

// ---------------------------------------------------------------------------------------------------------------------
// Real SDPs written by ffmpeg 5.1 (`-f rtp -sdp_file`, scripts/make-sdp-fixtures.sh; demo.sdp by make-demo-capture.sh).

const ffmpegCases: {
  file: string;
  name: string;
  media: { type: string; port: number; protocol: string; address: string; pts: string[] };
}[] = [
  {
    file: "sdp/pcmu.sdp",
    name: "gives static PT 0 its RFC 3551 name and rate (no rtpmap in the SDP)",
    media: { type: "audio", port: 47010, protocol: "RTP/AVP", address: "127.0.0.1", pts: ["0 PCMU/8000/1 static"] },
  },
  {
    file: "sdp/pcma.sdp",
    name: "gives static PT 8 its RFC 3551 name and rate",
    media: { type: "audio", port: 47012, protocol: "RTP/AVP", address: "127.0.0.1", pts: ["8 PCMA/8000/1 static"] },
  },
  {
    file: "sdp/g722.sdp",
    name: "gives G.722 (PT 9) the 8000 Hz RTP clock, not its 16 kHz sampling rate",
    media: { type: "audio", port: 47014, protocol: "RTP/AVP", address: "127.0.0.1", pts: ["9 G722/8000/1 static"] },
  },
  {
    file: "sdp/opus.sdp",
    name: "reads Opus with channels and fmtp",
    media: {
      type: "audio",
      port: 47016,
      protocol: "RTP/AVP",
      address: "127.0.0.1",
      pts: ['97 opus/48000/2 fmtp{"sprop-stereo":"1"}'],
    },
  },
  {
    file: "sdp/l16.sdp",
    name: "reads an rtpmap with channels (L16/48000/2)",
    media: { type: "audio", port: 47018, protocol: "RTP/AVP", address: "127.0.0.1", pts: ["97 L16/48000/2"] },
  },
  {
    file: "sdp/h264.sdp",
    name: "reads H.264 with its fmtp",
    media: {
      type: "video",
      port: 47020,
      protocol: "RTP/AVP",
      address: "127.0.0.1",
      pts: ['96 H264/90000 fmtp{"packetization-mode":"1"}'],
    },
  },
  {
    file: "sdp/vp8.sdp",
    name: "reads VP8",
    media: { type: "video", port: 47022, protocol: "RTP/AVP", address: "127.0.0.1", pts: ["96 VP8/90000"] },
  },
  {
    file: "sdp/opus-ipv6.sdp",
    name: "reads an IPv6 connection address",
    media: {
      type: "audio",
      port: 47024,
      protocol: "RTP/AVP",
      address: "::1",
      pts: ['97 opus/48000/2 fmtp{"sprop-stereo":"1"}'],
    },
  },
  {
    file: "sdp/srtp.sdp",
    name: "reads ffmpeg's SRTP sender (it writes RTP/AVP, not RTP/SAVP, next to a=crypto)",
    media: {
      type: "audio",
      port: 47026,
      protocol: "RTP/AVP",
      address: "127.0.0.1",
      pts: ['97 opus/48000/2 fmtp{"sprop-stereo":"1"}'],
    },
  },
  {
    file: "sdp/mpegts.sdp",
    name: "reads MPEG-TS over RTP (static PT 33; ffmpeg calls the section m=application)",
    media: {
      type: "application",
      port: 47028,
      protocol: "RTP/AVP",
      address: "127.0.0.1",
      pts: ["33 MP2T/90000 static"],
    },
  },
];

for (const c of ffmpegCases) {
  Deno.test(`parseSdp() ${c.name} (${c.file})`, () => {
    const s = parsed(fixture(c.file));
    deepStrictEqual(s.warnings, []);
    strictEqual(s.media.length, 1);
    const m = s.media[0]!;
    deepStrictEqual(
      { type: m.type, port: m.port, protocol: m.protocol, address: m.connection?.address ?? "", pts: ptSummary(m) },
      c.media,
    );
    // ffmpeg's session part: the same in every file, but for the address family.
    strictEqual(s.name, "No Name");
    deepStrictEqual(s.timing, { start: 0, stop: 0 });
    deepStrictEqual(s.attributes, [{ name: "tool", value: "libavformat LIBAVFORMAT_VERSION", line: 6 }]);
    strictEqual(m.rtcpMux, false);
    strictEqual(m.bandwidth[0]?.type, "AS");
  });
}

Deno.test("parseSdp() reads the demo capture's SDP: H.264 on 5004 and Opus on 5006", () => {
  const s = parsed(fixture("demo.sdp"));
  deepStrictEqual(s.warnings, []);
  strictEqual(s.fragment, false);
  deepStrictEqual(s.origin, {
    username: "-",
    sessionId: "0",
    sessionVersion: "0",
    netType: "IN",
    addrType: "IP4",
    address: "127.0.0.1",
  });
  strictEqual(s.name, "netpix demo");
  deepStrictEqual(s.media.map((m) => [m.type, m.port, m.connection?.address, m.bandwidth]), [
    ["video", 5004, "127.0.0.1", [{ type: "AS", value: 250 }]],
    ["audio", 5006, "127.0.0.1", [{ type: "AS", value: 32 }]],
  ]);
  deepStrictEqual(ptSummary(s.media[0]), [
    '96 H264/90000 fmtp{"packetization-mode":"1","sprop-parameter-sets":"Z0LADNoFB+wEQAAAAwBAAAAKI8UKqA==,aM48gA==",' +
    '"profile-level-id":"42C00C"}',
  ]);
  strictEqual(
    s.media[0]!.payloadTypes.get(96)!.fmtpLine,
    "packetization-mode=1; sprop-parameter-sets=Z0LADNoFB+wEQAAAAwBAAAAKI8UKqA==,aM48gA==; profile-level-id=42C00C",
  );
  deepStrictEqual(ptSummary(s.media[1]), ["111 opus/48000/2"]);
  deepStrictEqual(s.media.map((m) => m.line), [6, 11]);
});

Deno.test("parseSdp() keeps ffmpeg's a=crypto line as an attribute", () => {
  const m = parsed(fixture("sdp/srtp.sdp")).media[0]!;
  deepStrictEqual(m.attributes.find((a) => a.name === "crypto"), {
    name: "crypto",
    value: "1 AES_CM_128_HMAC_SHA1_80 inline:bmV0cGl4LXNkcC1maXh0dXJlLXNydHAta2V5LTMw",
    line: 11,
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// A real WebRTC offer from headless Chromium 156 (scripts/sdp_offer_from_chromium.ts): audio, video, data channel.

Deno.test("parseSdp() reads Chromium's offer: session part and BUNDLE", () => {
  const s = parsed(fixture("sdp/chromium-offer.sdp"));
  deepStrictEqual(s.warnings, []);
  strictEqual(s.origin?.sessionId, "8365937376681482623"); // 19 digits, above 2^53: kept as text
  deepStrictEqual(s.bundleGroups, [["0", "1", "2"]]);
  deepStrictEqual(s.groups, [{ semantics: "BUNDLE", mids: ["0", "1", "2"] }]);
  deepStrictEqual(s.attributes.map((a) => a.name), ["group", "extmap-allow-mixed", "msid-semantic"]);
  strictEqual(s.fingerprint, undefined); // Chromium writes it in each section
  strictEqual(s.iceUfrag, undefined);
  deepStrictEqual(
    s.media.map((m) => [m.type, m.mid, m.port, m.protocol, m.rtcpMux, m.direction, m.setup]),
    [
      ["audio", "0", 52706, "UDP/TLS/RTP/SAVPF", true, "sendrecv", "actpass"],
      ["video", "1", 53375, "UDP/TLS/RTP/SAVPF", true, "sendrecv", "actpass"],
      ["application", "2", 36173, "UDP/DTLS/SCTP", false, undefined, "actpass"],
    ],
  );
});

Deno.test("parseSdp() reads Chromium's audio section: payload types, feedback, extmap, SSRC", () => {
  const a = parsed(fixture("sdp/chromium-offer.sdp")).media[0]!;
  deepStrictEqual(ptSummary(a), [
    '111 opus/48000/2 fmtp{"minptime":"10","useinbandfec":"1"} fb[transport-cc]',
    '63 red/48000/2 fmtp{"111/111":""}',
    "9 G722/8000",
    "0 PCMU/8000",
    "8 PCMA/8000",
    "13 CN/8000",
    "110 telephone-event/48000",
    "126 telephone-event/8000",
  ]);
  deepStrictEqual(a.rtcp, { port: 9, address: "0.0.0.0" });
  deepStrictEqual([...a.extmap], [
    [1, { uri: "urn:ietf:params:rtp-hdrext:ssrc-audio-level" }],
    [2, { uri: "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time" }],
    [3, { uri: "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01" }],
    [4, { uri: "urn:ietf:params:rtp-hdrext:sdes:mid" }],
  ]);
  deepStrictEqual([...a.ssrcs], [
    [269111829, {
      cname: "a31uru6tKjHlfvEQ",
      msid: "- 7ee217b2-ae6f-4891-8cfa-1f6c07c93b3f",
      attributes: { cname: "a31uru6tKjHlfvEQ", msid: "- 7ee217b2-ae6f-4891-8cfa-1f6c07c93b3f" },
    }],
  ]);
  deepStrictEqual(a.msid, [{ stream: "-", track: "7ee217b2-ae6f-4891-8cfa-1f6c07c93b3f" }]);
  strictEqual(a.iceUfrag, "j2+2");
  strictEqual(a.icePwd, "IJTQjBpb362sKfWttsUsQudr");
  deepStrictEqual(a.fingerprint, {
    hash: "sha-256",
    value: "AB:D5:E7:40:F2:08:3C:10:FC:FF:18:08:BE:AD:DA:90:95:B2:17:94:E5:A8:A6:64:43:F4:5C:16:B2:42:87:2E",
  });
  deepStrictEqual(a.candidates, [
    {
      foundation: "219781351",
      component: 1,
      transport: "udp",
      priority: 2113937151,
      address: "192.0.2.2",
      port: 52706,
      type: "host",
      extensions: { generation: "0", "network-cost": "999" },
    },
    {
      foundation: "174847063",
      component: 1,
      transport: "udp",
      priority: 2113942271,
      address: "fd00::2",
      port: 46064,
      type: "host",
      extensions: { generation: "0", "network-cost": "999" },
    },
  ]);
});

Deno.test("parseSdp() reads Chromium's video section: 23 PTs, RTX apt, FID group", () => {
  const v = parsed(fixture("sdp/chromium-offer.sdp")).media[1]!;
  strictEqual(v.payloadTypes.size, 23);
  deepStrictEqual([...v.payloadTypes.keys()], v.formats.map(Number));
  const vp8 = v.payloadTypes.get(96)!;
  deepStrictEqual(vp8.rtcpFb, ["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"]);
  deepStrictEqual(v.payloadTypes.get(97)?.fmtp, { apt: "96" });
  strictEqual(v.payloadTypes.get(97)?.encoding, "rtx");
  deepStrictEqual(v.payloadTypes.get(102)?.fmtp, {
    "level-asymmetry-allowed": "1",
    "packetization-mode": "1",
    "profile-level-id": "42001f",
  });
  strictEqual(v.payloadTypes.get(45)?.encoding, "AV1");
  strictEqual(v.payloadTypes.get(120)?.encoding, "ulpfec");
  deepStrictEqual(v.ssrcGroups, [{ semantics: "FID", ssrcs: [1049748461, 98288836] }]);
  deepStrictEqual([...v.ssrcs.keys()], [1049748461, 98288836]);
  deepStrictEqual(v.extmap.get(10), { uri: "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id" });
  strictEqual(v.extmap.size, 11);
});

Deno.test("parseSdp() reads Chromium's data channel section without payload types", () => {
  const d = parsed(fixture("sdp/chromium-offer.sdp")).media[2]!;
  deepStrictEqual(d.formats, ["webrtc-datachannel"]);
  strictEqual(d.payloadTypes.size, 0);
  deepStrictEqual(d.attributes.slice(-2), [
    { name: "sctp-port", value: "5000", line: 176 },
    { name: "max-message-size", value: "262144", line: 177 },
  ]);
  strictEqual(d.candidates.length, 2);
});

Deno.test("parseSdp() keeps Chromium's a=rid and a=simulcast lines as attributes, and its mDNS candidates", () => {
  const s = parsed(fixture("sdp/chromium-simulcast-offer.sdp"));
  deepStrictEqual(s.warnings, []);
  const v = s.media[0]!;
  deepStrictEqual(v.attributes.slice(-4), [
    { name: "rid", value: "h send", line: 130 },
    { name: "rid", value: "m send", line: 131 },
    { name: "rid", value: "l send", line: 132 },
    { name: "simulcast", value: "send h;m;l", line: 133 },
  ]);
  strictEqual(v.ssrcs.size, 0); // with rids, Chromium announces no SSRCs
  deepStrictEqual([v.port, v.connection?.address], [9, "0.0.0.0"]); // JSEP's placeholder
  deepStrictEqual(v.candidates.map((c) => c.address), [
    "455494a6-c1aa-456c-b40a-ced228c6e8fc.local",
    "713f616e-a461-4b3c-984b-51324479e6e3.local",
  ]);
  strictEqual(v.extmap.size, 13);
});

// ---------------------------------------------------------------------------------------------------------------------
// Edge cases.

const CRLF = (...lines: string[]) => lines.join("\r\n") + "\r\n";
const LF = (...lines: string[]) => lines.join("\n") + "\n";
const HEAD = ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0"];

const failures: { name: string; text: string; reason: string; offset: number; detail: string }[] = [
  { name: "an empty text", text: "", reason: "truncated", offset: 0, detail: "the SDP is empty" },
  { name: "only blank lines", text: "\r\n \n\t\n", reason: "truncated", offset: 0, detail: "the SDP is empty" },
  {
    name: "a missing v= line",
    text: LF("o=- 1 1 IN IP4 192.0.2.1", "s=-"),
    reason: "bad-value",
    offset: 1,
    detail: "line 1: an SDP starts with v=0 (RFC 8866 §5), found o=",
  },
  {
    name: "v=1",
    text: LF("v=1", "s=-"),
    reason: "bad-version",
    offset: 1,
    detail: 'line 1: version "1" is not 0, the only one (RFC 8866 §5.1)',
  },
  {
    name: "a second v= line (two SDPs pasted together)",
    text: LF(...HEAD, "m=audio 5004 RTP/AVP 0", ...HEAD),
    reason: "bad-value",
    offset: 7,
    detail: "line 7: a second v= line; give one SDP at a time",
  },
  {
    name: "a line that is not <type>=<value>",
    text: LF("v=0", "s=-", "hello world"),
    reason: "bad-value",
    offset: 3,
    detail: 'line 3 is not <type>=<value>: "hello world"',
  },
  {
    name: "a line whose type is not a letter",
    text: LF("v=0", "1=x"),
    reason: "bad-value",
    offset: 2,
    detail: 'line 2 is not <type>=<value>: "1=x"',
  },
  {
    name: "an m= port that is not a number",
    text: LF(...HEAD, "m=audio abc RTP/AVP 0"),
    reason: "bad-value",
    offset: 6,
    detail: 'line 6: m= port "abc" is not an integer 0–65535',
  },
  {
    name: "an m= port above 65535",
    text: LF(...HEAD, "m=audio 65536 RTP/AVP 0"),
    reason: "bad-value",
    offset: 6,
    detail: 'line 6: m= port "65536" is not an integer 0–65535',
  },
  {
    name: "a negative m= port",
    text: LF(...HEAD, "m=audio -5004 RTP/AVP 0"),
    reason: "bad-value",
    offset: 6,
    detail: 'line 6: m= port "-5004" is not an integer 0–65535',
  },
  {
    name: "an m= port count of 0",
    text: LF(...HEAD, "m=video 5004/0 RTP/AVP 96"),
    reason: "bad-value",
    offset: 6,
    detail: 'line 6: m= port count in "5004/0" is not an integer of at least 1 that fits after the port',
  },
  {
    name: "an m= line without protocol",
    text: LF(...HEAD, "m=audio 5004"),
    reason: "bad-value",
    offset: 6,
    detail: 'line 6: m= needs <media> <port> <proto> <fmt>…, found "audio 5004"',
  },
  {
    name: "a c= line without address",
    text: LF("v=0", "c=IN IP4"),
    reason: "bad-value",
    offset: 2,
    detail: 'line 2: c= needs <nettype> <addrtype> <address>, found "IN IP4"',
  },
  {
    name: "a multicast TTL above 255",
    text: LF("v=0", "c=IN IP4 233.252.0.1/256"),
    reason: "bad-value",
    offset: 2,
    detail: "line 2: c= TTL 256 is above 255",
  },
  {
    name: "a media-level c= line with a bad suffix",
    text: LF(...HEAD, "m=audio 5004 RTP/AVP 0", "c=IN IP4 233.252.0.1/x"),
    reason: "bad-value",
    offset: 7,
    detail: 'line 7: c= address "233.252.0.1/x" has a suffix that is not /<ttl>[/<count>] or /<count>',
  },
];

for (const c of failures) {
  Deno.test(`parseSdp() fails on ${c.name}`, () => {
    const r = parseSdp(c.text);
    ok(isFailure(r), "expected a failure");
    deepStrictEqual(r, { ok: false, protocol: "sdp", reason: c.reason, offset: c.offset, detail: c.detail });
  });
}

Deno.test("parseSdp() reads CRLF, LF and CR line ends alike", () => {
  const lines = [...HEAD, "m=audio 5004 RTP/AVP 0 96", "a=rtpmap:96 opus/48000/2", "a=rtcp-fb:* nack"];
  const crlf = parsed(CRLF(...lines));
  deepStrictEqual(parsed(LF(...lines)), crlf);
  deepStrictEqual(parsed(lines.join("\r")), crlf);
  deepStrictEqual(parsed(lines.join("\n")), crlf); // no final line end
  deepStrictEqual(ptSummary(crlf.media[0]), ["0 PCMU/8000/1 static fb[nack]", "96 opus/48000/2 fb[nack]"]);
});

Deno.test("parseSdp() ignores a BOM, blank lines and spaces around lines", () => {
  const s = parsed("\ufeffv=0\r\n\r\n  o=- 1 1 IN IP4 192.0.2.1  \r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0 \r\n\r\n");
  deepStrictEqual(s.warnings, []);
  deepStrictEqual(s.media[0]?.formats, ["0"]);
  strictEqual(s.origin?.address, "192.0.2.1");
});

Deno.test("parseSdp() reads the original netpix's media-only fragment (its SDP window placeholder)", () => {
  const s = parsed(LF("m=audio 5004 RTP/AVP 96", "c=IN IP4 127.0.0.1", "a=rtpmap:96 L24/48000/2", "a=recvonly"));
  strictEqual(s.fragment, true);
  deepStrictEqual(s.warnings, []);
  deepStrictEqual(ptSummary(s.media[0]), ["96 L24/48000/2"]);
  strictEqual(s.media[0]?.direction, "recvonly");
  strictEqual(s.media[0]?.connection?.address, "127.0.0.1");
});

Deno.test("parseSdp() warns when a full SDP lacks o=, s= and t=", () => {
  deepStrictEqual(warningsOf(parsed(LF("v=0", "m=audio 5004 RTP/AVP 0"))), [
    "no o= line (RFC 8866 §5.2 requires one)",
    "no s= line (RFC 8866 §5.3 requires one)",
    "no t= line (RFC 8866 §5.9 requires one)",
  ]);
});

Deno.test("parseSdp() reads an rtpmap with and without channels", () => {
  const m = parsed(LF(...HEAD, "m=audio 5004 RTP/AVP 10 96 97", "a=rtpmap:96 L16/44100/2", "a=rtpmap:97 opus/48000"))
    .media[0];
  deepStrictEqual(ptSummary(m), ["10 L16/44100/2 static", "96 L16/44100/2", "97 opus/48000"]);
});

Deno.test("parseSdp() warns about an fmtp without rtpmap and keeps the PT out (its clock rate is unknown)", () => {
  const s = parsed(LF(...HEAD, "m=video 5004 RTP/AVP 96", "a=fmtp:96 packetization-mode=1"));
  strictEqual(s.media[0]?.payloadTypes.size, 0);
  deepStrictEqual(s.warnings, [
    {
      line: 6,
      detail: "line 6: PT 96 has no a=rtpmap and no static assignment (RFC 3551 §6): its clock rate is unknown",
    },
    { line: 7, detail: "line 7: a=fmtp ignored: PT 96 has no a=rtpmap, so its encoding and clock rate are unknown" },
  ]);
});

Deno.test("parseSdp() attaches an fmtp to a static PT that has no rtpmap", () => {
  const s = parsed(LF(...HEAD, "m=audio 5004 RTP/AVP 18", "a=fmtp:18 annexb=no"));
  deepStrictEqual(ptSummary(s.media[0]), ['18 G729/8000/1 static fmtp{"annexb":"no"}']);
  deepStrictEqual(s.warnings, []);
});

Deno.test("parseSdp() keeps the first of two rtpmaps for one PT and warns", () => {
  const s = parsed(LF(...HEAD, "m=audio 5004 RTP/AVP 96 96", "a=rtpmap:96 opus/48000/2", "a=rtpmap:96 PCMU/8000"));
  deepStrictEqual(ptSummary(s.media[0]), ["96 opus/48000/2"]);
  deepStrictEqual(warningsOf(s), [
    "line 8: a second a=rtpmap for PT 96, ignored (line 7 kept)",
    "line 6: m= lists PT 96 twice",
  ]);
});

Deno.test("parseSdp() warns about malformed attributes and goes on", () => {
  const s = parsed(LF(
    ...HEAD,
    "m=audio 5004 RTP/AVP 96 x",
    "a=rtpmap:96 opus",
    "a=rtpmap:200 opus/48000",
    "a=rtcp-fb:97 nack",
    "a=extmap:0 urn:x",
    "a=extmap:3/sideways urn:x",
    "a=ssrc:4294967296 cname:x",
    "a=ssrc-group:FID 1 two",
    "a=candidate:1 1 udp 1 192.0.2.1 5004 host",
    "a=rtcp:abc",
    "a=fingerprint:sha-256",
    "a=msid:",
    "b=AS",
  ));
  strictEqual(s.media[0]?.payloadTypes.size, 0);
  deepStrictEqual(warningsOf(s), [
    'line 7: a=rtpmap:96 needs <encoding>/<clock rate>[/<channels>], found "96 opus"',
    'line 8: a=rtpmap payload type "200" is not an integer 0–127',
    'line 10: a=extmap id "0" is not 1–255 or 4096–4351',
    'line 11: a=extmap:3 direction "sideways" is not a direction',
    'line 12: a=ssrc id "4294967296" is not an integer 0–4294967295',
    'line 13: a=ssrc-group:FID SSRC "two" is not an integer',
    "line 14: ICE candidate: 7 fields, need at least 8",
    'line 15: a=rtcp port "abc" is not 0–65535',
    'line 16: a=fingerprint needs <hash-func> <fingerprint>, found "sha-256"',
    "line 17: a=msid has no stream id",
    'line 18: b= needs <bwtype>:<integer>, found "AS"',
    "line 6: PT 96 has no a=rtpmap and no static assignment (RFC 3551 §6): its clock rate is unknown",
    'line 6: m= format "x" is not an RTP payload type 0–127',
    "line 9: a=rtcp-fb for PT 97, which has no encoding here; ignored",
  ]);
  strictEqual(s.media[0]?.attributes.length, 11); // all kept as written
});

Deno.test("parseSdp() keeps an rtpmap for a PT that m= does not list, with a warning", () => {
  const s = parsed(LF(...HEAD, "m=audio 5004 RTP/AVP 0", "a=rtpmap:101 telephone-event/8000"));
  deepStrictEqual(ptSummary(s.media[0]), ["0 PCMU/8000/1 static", "101 telephone-event/8000"]);
  deepStrictEqual(warningsOf(s), ["line 7: a=rtpmap for PT 101, which m= does not list; kept"]);
});

Deno.test("parseSdp() keeps unknown line types and attributes", () => {
  const s = parsed(LF(...HEAD, "x=session extra", "a=foo:bar baz", "m=audio 5004 RTP/AVP 0", "y=1", "a=flag"));
  deepStrictEqual(s.otherLines, [{ type: "x", value: "session extra", line: 6 }]);
  deepStrictEqual(s.attributes, [{ name: "foo", value: "bar baz", line: 7 }]);
  deepStrictEqual(s.media[0]?.otherLines, [{ type: "y", value: "1", line: 9 }]);
  deepStrictEqual(s.media[0]?.attributes, [{ name: "flag", line: 10 }]);
  deepStrictEqual(warningsOf(s), [
    "line 6: unknown line type x= kept (RFC 8866 §5 would have the whole SDP ignored)",
    "line 9: unknown line type y= kept (RFC 8866 §5 would have the whole SDP ignored)",
  ]);
});

Deno.test("parseSdp() lets media sections inherit session-level c=, direction, ICE, fingerprint, setup and extmap", () => {
  const s = parsed(LF(
    ...HEAD,
    "a=sendonly",
    "a=ice-ufrag:sess",
    "a=ice-pwd:sesspwd",
    "a=fingerprint:sha-256 AA:BB",
    "a=setup:passive",
    "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid",
    "m=audio 5004 RTP/AVP 0",
    "m=video 5006 RTP/AVP 96",
    "c=IN IP4 192.0.2.9",
    "a=rtpmap:96 VP8/90000",
    "a=recvonly",
    "a=ice-ufrag:own",
    "a=extmap:1 urn:x-own",
    "a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:toffset attr1 attr2",
  ));
  const [a, v] = s.media;
  deepStrictEqual(
    [a?.connection?.address, a?.direction, a?.iceUfrag, a?.icePwd, a?.fingerprint?.value, a?.setup, [...a!.extmap]],
    ["192.0.2.1", "sendonly", "sess", "sesspwd", "AA:BB", "passive", [[1, {
      uri: "urn:ietf:params:rtp-hdrext:sdes:mid",
    }]]],
  );
  deepStrictEqual([v?.connection?.address, v?.direction, v?.iceUfrag, v?.icePwd], [
    "192.0.2.9",
    "recvonly",
    "own",
    "sesspwd",
  ]);
  deepStrictEqual([...v!.extmap], [
    [1, { uri: "urn:x-own" }],
    [2, { uri: "urn:ietf:params:rtp-hdrext:toffset", direction: "recvonly", attributes: "attr1 attr2" }],
  ]);
  deepStrictEqual([s.iceUfrag, s.icePwd, s.fingerprint], ["sess", "sesspwd", { hash: "sha-256", value: "AA:BB" }]);
  deepStrictEqual(s.warnings, []);
});

Deno.test("parseSdp() reads multicast c= lines with TTL and address count, and an m= port count", () => {
  const s = parsed(LF(
    "v=0",
    "o=- 1 1 IN IP4 192.0.2.1",
    "s=-",
    "c=IN IP4 233.252.0.1/127/3",
    "t=0 0",
    "m=video 5004/2 RTP/AVP 31",
    "m=audio 5008 RTP/AVP 0",
    "c=IN IP6 ff15::101/3",
  ));
  deepStrictEqual(s.connection, { netType: "IN", addrType: "IP4", address: "233.252.0.1", ttl: 127, addressCount: 3 });
  strictEqual(s.media[0]?.portCount, 2);
  deepStrictEqual(s.media[1]?.connection, { netType: "IN", addrType: "IP6", address: "ff15::101", addressCount: 3 });
});

Deno.test("parseSdp() applies rtcp-fb:* to every PT of the section", () => {
  const s = parsed(LF(
    ...HEAD,
    "m=video 5004 RTP/AVPF 96 97",
    "a=rtcp-fb:* nack",
    "a=rtpmap:96 VP8/90000",
    "a=rtpmap:97 VP9/90000",
    "a=rtcp-fb:97   ccm   fir",
  ));
  deepStrictEqual(ptSummary(s.media[0]), ["96 VP8/90000 fb[nack]", "97 VP9/90000 fb[nack,ccm fir]"]);
});

Deno.test("parseSdp() reads a=ssrc lines without value or attribute, and other source attributes", () => {
  const m = parsed(LF(...HEAD, "m=audio 5004 RTP/AVP 0", "a=ssrc:1", "a=ssrc:1 label:l1", "a=ssrc:2 x-flag")).media[0]!;
  deepStrictEqual([...m.ssrcs], [[1, { attributes: { label: "l1" } }], [2, { attributes: { "x-flag": "" } }]]);
});

Deno.test("parseSdp() keeps a=group lines other than BUNDLE out of bundleGroups", () => {
  const s = parsed(LF(...HEAD, "a=group:LS 1 2", "a=group:BUNDLE a", "m=audio 5004 RTP/AVP 0", "a=mid:a"));
  deepStrictEqual(s.groups, [{ semantics: "LS", mids: ["1", "2"] }, { semantics: "BUNDLE", mids: ["a"] }]);
  deepStrictEqual(s.bundleGroups, [["a"]]);
});

Deno.test("parseSdp() keeps several a=msid lines of one section", () => {
  const m = parsed(LF(...HEAD, "m=audio 5004 RTP/AVP 0", "a=msid:s1 t1", "a=msid:s2")).media[0]!;
  deepStrictEqual(m.msid, [{ stream: "s1", track: "t1" }, { stream: "s2" }]);
});

Deno.test("parseSdp() keeps an fmtp key named __proto__ as data", () => {
  const m = parsed(LF(...HEAD, "m=audio 5004 RTP/AVP 0", "a=fmtp:0 __proto__=x;constructor=y")).media[0]!;
  const fmtp = m.payloadTypes.get(0)!.fmtp;
  deepStrictEqual(Object.keys(fmtp), ["__proto__", "constructor"]);
  strictEqual(Object.getPrototypeOf(fmtp), Object.prototype);
  strictEqual(Object.getOwnPropertyDescriptor(fmtp, "__proto__")?.value, "x");
});

Deno.test("parseSdp() warns about session-only lines inside a media section", () => {
  const s = parsed(LF(...HEAD, "m=audio 5004 RTP/AVP 0", "s=late"));
  deepStrictEqual(warningsOf(s), ["line 7: s= belongs to the session part, not to a media section; kept"]);
  deepStrictEqual(s.media[0]?.otherLines, [{ type: "s", value: "late", line: 7 }]);
});

Deno.test("parseSdp() does not read PTs in a section whose protocol is not RTP", () => {
  const s = parsed(LF(...HEAD, "m=video 1234 udp 33", "a=rtpmap:33 MP2T/90000"));
  strictEqual(s.media[0]?.payloadTypes.size, 0);
  deepStrictEqual(s.warnings, []);
});
