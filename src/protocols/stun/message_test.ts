import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { type DecodeFailure, isFailure } from "../decode_result.ts";
import { concat, pick, withByte } from "../_fixtures.ts";
import * as F from "./_fixtures.ts";
import { buildStun, type StunFixture } from "./_fixtures.ts";
import { hasTshark, STUN_CAPTURES, tsharkFields, udpDatagrams } from "./_captures.ts";
import {
  decodeChannelData,
  decodeStun,
  integrityInput,
  looksLikeChannelData,
  looksLikeStun,
  type StunAttribute,
  StunAttributeType,
  type StunClass,
  stunClass,
  stunClassName,
  type StunMessage,
  stunMessageType,
  StunMethod,
  stunMethod,
  stunMethodName,
  stunTypeName,
} from "./mod.ts";

function decoded(bytes: Uint8Array, offset?: number, length?: number): StunMessage {
  const m = decodeStun(bytes, offset, length);
  if (isFailure(m)) throw new Error(`expected a message: ${m.detail}`);
  return m;
}

function failed(bytes: Uint8Array, offset?: number, length?: number): DecodeFailure {
  const m = decodeStun(bytes, offset, length);
  if (!isFailure(m)) throw new Error(`expected a failure, got ${stunTypeName(m.type)}`);
  return m;
}

const FIXTURES: StunFixture[] = Object.values(F).filter((v): v is StunFixture =>
  typeof v === "object" && v !== null && "frame" in v
);

// ---------------------------------------------------------------------------------------------------------------
// The fixtures are the committed captures' bytes.

Deno.test("every STUN fixture equals the UDP payload of its frame in the committed capture", async () => {
  const byFile = new Map<string, Awaited<ReturnType<typeof udpDatagrams>>>();
  for (const f of FIXTURES) {
    if (!byFile.has(f.file)) byFile.set(f.file, await udpDatagrams(f.file));
    const datagram = byFile.get(f.file)!.find((d) => d.frame === f.frame);
    ok(datagram !== undefined, `${f.file} frame ${f.frame} is not a UDP datagram`);
    deepStrictEqual(f.bytes, datagram.payload.slice(), `${f.file} frame ${f.frame}`);
  }
  ok(FIXTURES.length >= 30);
});

// ---------------------------------------------------------------------------------------------------------------
// Header and attribute list of real messages.

const HEADER_CASES: {
  name: string;
  bytes: Uint8Array;
  want: Partial<Record<keyof StunMessage, unknown>>;
  types: number[];
}[] = [
  {
    name: "reads a Binding request without attributes (demo.pcap frame 119)",
    bytes: F.DEMO_BINDING_REQUEST.bytes,
    want: {
      type: 0x0001,
      method: StunMethod.Binding,
      methodName: "Binding",
      class: "request",
      length: 0,
      size: 20,
      classic: false,
      transactionId: "f34a8ecc82ba1f2c2d2dd3f5",
      fingerprint: "absent",
      trailingBytes: 0,
      warnings: [],
    },
    types: [],
  },
  {
    name: "reads coturn's Binding success response (demo.pcap frame 120)",
    bytes: F.DEMO_BINDING_SUCCESS.bytes,
    want: {
      type: 0x0101,
      class: "success",
      length: 44,
      transactionId: "f34a8ecc82ba1f2c2d2dd3f5",
      fingerprint: "valid",
    },
    types: [0x0020, 0x0001, 0x802b, 0x8028],
  },
  {
    name: "reads an Allocate request (demo.pcap frame 258)",
    bytes: F.DEMO_ALLOCATE_REQUEST.bytes,
    want: { type: 0x0003, method: StunMethod.Allocate, methodName: "Allocate", class: "request", length: 32 },
    types: [0x0019, 0x000d, 0x0017, 0x8028],
  },
  {
    name: "reads the 401 Allocate error response (demo.pcap frame 259)",
    bytes: F.DEMO_ALLOCATE_UNAUTHORIZED.bytes,
    want: { type: 0x0113, method: StunMethod.Allocate, class: "error", length: 64, fingerprint: "valid" },
    types: [0x0009, 0x0015, 0x0014, 0x8028],
  },
  {
    name: "reads an authenticated Allocate request (demo.pcap frame 260)",
    bytes: F.DEMO_ALLOCATE_AUTHENTICATED.bytes,
    want: { class: "request", length: 104, transactionId: "a8b43b7140feaa6e0e9352ff", fingerprint: "valid" },
    types: [0x0019, 0x000d, 0x0017, 0x0006, 0x0015, 0x0014, 0x0008, 0x8028],
  },
  {
    name: "reads a CreatePermission request (demo.pcap frame 316)",
    bytes: F.DEMO_CREATE_PERMISSION_REQUEST.bytes,
    want: { type: 0x0008, method: StunMethod.CreatePermission, methodName: "CreatePermission", class: "request" },
    types: [0x0012, 0x0006, 0x0015, 0x0014, 0x0008, 0x8028],
  },
  {
    name: "reads a ChannelBind success response (demo.pcap frame 277)",
    bytes: F.DEMO_CHANNEL_BIND_SUCCESS.bytes,
    want: { type: 0x0109, method: StunMethod.ChannelBind, methodName: "ChannelBind", class: "success", length: 32 },
    types: [0x0008, 0x8028],
  },
  {
    name: "reads a Refresh request (demo.pcap frame 1116)",
    bytes: F.DEMO_REFRESH_DEALLOCATE.bytes,
    want: { type: 0x0004, method: StunMethod.Refresh, methodName: "Refresh", class: "request" },
    types: [0x000d, 0x0006, 0x0015, 0x0014, 0x0008, 0x8028],
  },
  {
    name: "reads a Send indication (demo.pcap frame 1601)",
    bytes: F.DEMO_SEND_INDICATION.bytes,
    want: { type: 0x0016, method: StunMethod.Send, methodName: "Send", class: "indication", length: 144 },
    types: [0x0013, 0x0012, 0x8028],
  },
  {
    name: "reads a Data indication (demo.pcap frame 1603)",
    bytes: F.DEMO_DATA_INDICATION.bytes,
    want: { type: 0x0017, method: StunMethod.Data, methodName: "Data", class: "indication", fingerprint: "valid" },
    types: [0x0013, 0x0012, 0x8028],
  },
  {
    name: "reads a Refresh error response 443 over IPv6 (turn-ipv6.pcap frame 80)",
    bytes: F.TURN6_REFRESH_FAMILY_MISMATCH.bytes,
    want: { type: 0x0114, method: StunMethod.Refresh, class: "error", fingerprint: "valid" },
    types: [0x0009, 0x8022, 0x0008, 0x8028],
  },
  {
    name: "reads aioice's Allocate request, which has no FINGERPRINT (ice.pcap frame 15)",
    bytes: F.ICE_ALLOCATE_REQUEST.bytes,
    want: { type: 0x0003, class: "request", fingerprint: "absent" },
    types: [0x000d, 0x0019],
  },
  {
    name: "reads a 1532-byte Binding request with PADDING (turn-ipv6.pcap frame 5)",
    bytes: F.TURN6_BINDING_PADDING.bytes,
    want: { length: 1512, size: 1532, fingerprint: "absent" },
    types: [0x0003, 0x0026],
  },
  {
    name: "verifies the FINGERPRINT of the RFC 5769 §2.1 sample request",
    bytes: F.RFC5769_REQUEST,
    want: { type: 0x0001, length: 88, transactionId: "b7e7a701bc34d686fa87dfae", fingerprint: "valid" },
    types: [0x8022, 0x0024, 0x8029, 0x0006, 0x0008, 0x8028],
  },
  {
    name: "verifies the FINGERPRINT of the RFC 5769 §2.2 sample IPv4 response",
    bytes: F.RFC5769_RESPONSE_IPV4,
    want: { type: 0x0101, class: "success", fingerprint: "valid", warnings: [] },
    types: [0x8022, 0x0020, 0x0008, 0x8028],
  },
  {
    name: "verifies the FINGERPRINT of the RFC 5769 §2.3 sample IPv6 response",
    bytes: F.RFC5769_RESPONSE_IPV6,
    want: { type: 0x0101, class: "success", fingerprint: "valid" },
    types: [0x8022, 0x0020, 0x0008, 0x8028],
  },
  {
    name: "reads the RFC 5769 §2.4 long-term request, which has no FINGERPRINT",
    bytes: F.RFC5769_REQUEST_LONG_TERM,
    want: { transactionId: "78ad3433c6ad72c029da412e", fingerprint: "absent" },
    types: [0x0006, 0x0015, 0x0014, 0x0008],
  },
  {
    name: "flags a classic RFC 3489 message (no magic cookie) and keeps its 128-bit transaction ID",
    bytes: concat(
      F.DEMO_BINDING_REQUEST.bytes.subarray(0, 4),
      new Uint8Array([1, 2, 3, 4]),
      F.DEMO_BINDING_REQUEST.bytes.subarray(8),
    ),
    want: { classic: true, class: "request", transactionId: "01020304f34a8ecc82ba1f2c2d2dd3f5" },
    types: [],
  },
  {
    name: "decodes a classic RFC 3489 response but finds its FINGERPRINT invalid (it covered the cookie)",
    bytes: withByte(F.DEMO_BINDING_SUCCESS.bytes, 4, 0x20),
    want: { classic: true, class: "success", fingerprint: "invalid" },
    types: [0x0020, 0x0001, 0x802b, 0x8028],
  },
  {
    name: "reports a FINGERPRINT that does not match as invalid, not as a failure",
    bytes: withByte(F.DEMO_ALLOCATE_REQUEST.bytes, 35, 0x0a),
    want: { fingerprint: "invalid", warnings: [] },
    types: [0x0019, 0x000d, 0x0017, 0x8028],
  },
  {
    name: "counts bytes after the message as trailing and warns about them",
    bytes: concat(F.DEMO_BINDING_SUCCESS.bytes, new Uint8Array([1, 2, 3, 4])),
    want: { size: 64, trailingBytes: 4, fingerprint: "valid", warnings: ["4 bytes after the message"] },
    types: [0x0020, 0x0001, 0x802b, 0x8028],
  },
  {
    name: "warns about an attribute after FINGERPRINT",
    bytes: buildStun(0x0001, [[0x8028, new Uint8Array(4)], [0x8022, new TextEncoder().encode("late")]], false),
    want: { fingerprint: "invalid", warnings: ["SOFTWARE after FINGERPRINT"] },
    types: [0x8028, 0x8022],
  },
  {
    name: "warns about an attribute after MESSAGE-INTEGRITY but not about FINGERPRINT there",
    bytes: buildStun(0x0001, [[0x0008, new Uint8Array(20)], [0x0006, new TextEncoder().encode("a:b")]]),
    want: { fingerprint: "valid", warnings: ["USERNAME after MESSAGE-INTEGRITY"] },
    types: [0x0008, 0x0006, 0x8028],
  },
  {
    name: "allows MESSAGE-INTEGRITY-SHA256 and FINGERPRINT after MESSAGE-INTEGRITY",
    bytes: buildStun(0x0001, [[0x0008, new Uint8Array(20)], [0x001c, new Uint8Array(32)]]),
    want: { fingerprint: "valid", warnings: [] },
    types: [0x0008, 0x001c, 0x8028],
  },
];

for (const c of HEADER_CASES) {
  Deno.test(`decodeStun() ${c.name}`, () => {
    const m = decoded(c.bytes);
    deepStrictEqual(pick(m, c.want), c.want);
    deepStrictEqual(m.attributes.map((a) => a.type), c.types);
  });
}

Deno.test("decodeStun() reads a message inside a whole frame, with offsets indexing the frame", async () => {
  const frame = (await udpDatagrams("demo.pcap")).find((d) => d.frame === 1601)!; // Send indication
  const m = decoded(frame.frameBytes, frame.offset, frame.length);
  strictEqual(m.offset, 42); // Ethernet 14 + IPv4 20 + UDP 8
  strictEqual(m.attributes[0]!.offset, 62);
  const data = m.attributes[0]!;
  ok(data.kind === "data");
  deepStrictEqual(
    frame.frameBytes.subarray(data.dataOffset, data.dataOffset + 8),
    F.DEMO_SEND_INDICATION.bytes.subarray(24, 32),
  );
  strictEqual(m.fingerprint, "valid");
});

Deno.test("decodeStun() reads no further than the length it is given", () => {
  const bytes = concat(F.DEMO_BINDING_SUCCESS.bytes, new Uint8Array([0xff, 0xff]));
  strictEqual(decoded(bytes, 0, 64).trailingBytes, 0);
  strictEqual(failed(bytes, 0, 63).reason, "truncated");
});

// ---------------------------------------------------------------------------------------------------------------
// Failures.

const FAILURE_CASES: {
  name: string;
  bytes: Uint8Array;
  offset?: number;
  length?: number;
  want: Partial<DecodeFailure>;
}[] = [
  { name: "reports an empty buffer as truncated", bytes: new Uint8Array(0), want: { reason: "truncated", offset: 0 } },
  {
    name: "reports 19 bytes as truncated",
    bytes: F.DEMO_BINDING_REQUEST.bytes.subarray(0, 19),
    want: { protocol: "stun", reason: "truncated", detail: "STUN header needs 20 bytes, 19 remain" },
  },
  {
    name: "rejects an RTP header (first byte 0x80)",
    bytes: withByte(F.DEMO_BINDING_REQUEST.bytes, 0, 0x80),
    want: { reason: "bad-value", offset: 0 },
  },
  {
    name: "rejects ChannelData (first byte 0x72, demo.pcap frame 757)",
    bytes: F.DEMO_CHANNEL_DATA.bytes,
    want: { reason: "bad-value", detail: "first two bits are 1, STUN needs 0 (RFC 8489 §5)" },
  },
  {
    name: "rejects a message length that is not a multiple of 4",
    bytes: withByte(F.DEMO_BINDING_SUCCESS.bytes, 3, 45),
    want: { reason: "bad-length", offset: 2, detail: "message length 45 is not a multiple of 4" },
  },
  {
    name: "reports a message cut by 4 bytes as truncated",
    bytes: F.DEMO_BINDING_SUCCESS.bytes.subarray(0, 60),
    want: { reason: "truncated", offset: 2, detail: "message length says 44 bytes, 40 remain" },
  },
  {
    name: "rejects an attribute whose length runs past the message",
    bytes: withByte(F.DEMO_BINDING_SUCCESS.bytes, 59, 8), // FINGERPRINT length 4 → 8
    want: { reason: "bad-length", offset: 58, detail: "attribute 0x8028 says 8 bytes, 4 remain in the message" },
  },
  {
    name: "rejects an attribute length of 65535",
    bytes: withByte(withByte(F.DEMO_BINDING_SUCCESS.bytes, 22, 0xff), 23, 0xff),
    want: { reason: "bad-length", offset: 22 },
  },
  {
    name: "reports an offset past the end as truncated",
    bytes: F.DEMO_BINDING_REQUEST.bytes,
    offset: 21,
    want: { reason: "truncated", offset: 0 },
  },
  {
    name: "reports a negative offset as truncated",
    bytes: F.DEMO_BINDING_REQUEST.bytes,
    offset: -1,
    want: { reason: "truncated" },
  },
  {
    name: "reports a negative length as truncated",
    bytes: F.DEMO_BINDING_REQUEST.bytes,
    offset: 0,
    length: -5,
    want: { reason: "truncated" },
  },
  {
    name: "reports a NaN length as truncated",
    bytes: F.DEMO_BINDING_REQUEST.bytes,
    offset: 0,
    length: NaN,
    want: { reason: "truncated" },
  },
];

for (const c of FAILURE_CASES) {
  Deno.test(`decodeStun() ${c.name}`, () => {
    const f = failed(c.bytes, c.offset, c.length);
    deepStrictEqual(pick(f, c.want), c.want);
    strictEqual(f.ok, false);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// looksLikeStun().

const LOOKS_CASES: { name: string; bytes: Uint8Array; offset?: number; length?: number; want: boolean }[] = [
  { name: "accepts a Binding request (demo.pcap frame 119)", bytes: F.DEMO_BINDING_REQUEST.bytes, want: true },
  { name: "accepts a Data indication (demo.pcap frame 1603)", bytes: F.DEMO_DATA_INDICATION.bytes, want: true },
  { name: "accepts an ICE check (ice.pcap frame 5)", bytes: F.ICE_CHECK_CONTROLLING.bytes, want: true },
  {
    name: "accepts a message followed by more bytes",
    bytes: concat(F.DEMO_BINDING_REQUEST.bytes, new Uint8Array(3)),
    want: true,
  },
  { name: "rejects ChannelData (demo.pcap frame 757)", bytes: F.DEMO_CHANNEL_DATA.bytes, want: false },
  { name: "rejects 19 bytes", bytes: F.DEMO_BINDING_REQUEST.bytes.subarray(0, 19), want: false },
  {
    name: "rejects a first byte with the top bit set",
    bytes: withByte(F.DEMO_BINDING_REQUEST.bytes, 0, 0x80),
    want: false,
  },
  { name: "rejects a first byte 0x40", bytes: withByte(F.DEMO_BINDING_REQUEST.bytes, 0, 0x40), want: false },
  {
    name: "rejects a wrong magic cookie (classic RFC 3489)",
    bytes: withByte(F.DEMO_BINDING_REQUEST.bytes, 7, 0x43),
    want: false,
  },
  {
    name: "rejects a length that is not a multiple of 4",
    bytes: withByte(F.DEMO_BINDING_SUCCESS.bytes, 3, 42),
    want: false,
  },
  { name: "rejects a length past the end", bytes: F.DEMO_BINDING_SUCCESS.bytes.subarray(0, 60), want: false },
  {
    name: "rejects a length past the given length",
    bytes: F.DEMO_BINDING_SUCCESS.bytes,
    offset: 0,
    length: 60,
    want: false,
  },
  { name: "rejects an offset past the end", bytes: F.DEMO_BINDING_REQUEST.bytes, offset: 1, want: false },
  { name: "rejects a negative offset", bytes: F.DEMO_BINDING_REQUEST.bytes, offset: -1, length: 20, want: false },
  { name: "rejects an empty buffer", bytes: new Uint8Array(0), want: false },
];

for (const c of LOOKS_CASES) {
  Deno.test(`looksLikeStun() ${c.name}`, () => strictEqual(looksLikeStun(c.bytes, c.offset, c.length), c.want));
}

Deno.test("looksLikeStun() is true for exactly the datagrams of the captures that decodeStun() reads with a cookie", async () => {
  let stun = 0;
  for (const file of STUN_CAPTURES) {
    for (const d of await udpDatagrams(file)) {
      const looks = looksLikeStun(d.frameBytes, d.offset, d.length);
      const m = decodeStun(d.frameBytes, d.offset, d.length);
      strictEqual(looks, !isFailure(m) && !m.classic, `${file} frame ${d.frame}`);
      if (looks) stun++;
    }
  }
  strictEqual(stun, 96 + 26 + 80); // tshark -Y "stun && !stun.channel": demo.pcap 96, ice.pcap 26, turn-ipv6.pcap 80
});

// ---------------------------------------------------------------------------------------------------------------
// Method and class helpers.

const METHOD_NAMES: [number, string][] = [
  [0x001, "Binding"],
  [0x002, "SharedSecret"],
  [0x003, "Allocate"],
  [0x004, "Refresh"],
  [0x006, "Send"],
  [0x007, "Data"],
  [0x008, "CreatePermission"],
  [0x009, "ChannelBind"],
  [0x00a, "Connect"],
  [0x00b, "ConnectionBind"],
  [0x00c, "ConnectionAttempt"],
  [0x080, "GoogPing"],
  [0x005, "0x005"],
  [0xfff, "0xfff"],
];
for (const [method, name] of METHOD_NAMES) {
  Deno.test(`stunMethodName() names method 0x${method.toString(16).padStart(3, "0")} ${name}`, () => {
    strictEqual(stunMethodName(method), name);
  });
}

const TYPE_CASES: [number, string, number, StunClass][] = [
  [0x0001, "Binding Request", 0x001, "request"],
  [0x0101, "Binding Success Response", 0x001, "success"],
  [0x0111, "Binding Error Response", 0x001, "error"],
  [0x0113, "Allocate Error Response", 0x003, "error"],
  [0x0016, "Send Indication", 0x006, "indication"],
  [0x0017, "Data Indication", 0x007, "indication"],
  [0x0109, "ChannelBind Success Response", 0x009, "success"],
  [0x001c, "ConnectionAttempt Indication", 0x00c, "indication"],
  [0x0200, "GoogPing Request", 0x080, "request"],
  [0x3eef, "0xfff Request", 0xfff, "request"],
  [0x3fff, "0xfff Error Response", 0xfff, "error"],
];
for (const [type, name, method, cls] of TYPE_CASES) {
  Deno.test(`stunTypeName() names type 0x${type.toString(16).padStart(4, "0")} "${name}"`, () => {
    strictEqual(stunTypeName(type), name);
    strictEqual(stunMethod(type), method);
    strictEqual(stunClass(type), cls);
    strictEqual(stunMessageType(method, cls), type);
  });
}

Deno.test("stunMessageType() inverts stunMethod() and stunClass() for every method and class", () => {
  for (let method = 0; method < 0x1000; method++) {
    for (const cls of ["request", "indication", "success", "error"] as const) {
      const type = stunMessageType(method, cls);
      ok(type < 0x4000);
      strictEqual(stunMethod(type), method);
      strictEqual(stunClass(type), cls);
    }
  }
});

Deno.test("stunClassName() names the four classes", () => {
  deepStrictEqual(
    (["request", "indication", "success", "error"] as const).map(stunClassName),
    ["Request", "Indication", "Success Response", "Error Response"],
  );
});

// ---------------------------------------------------------------------------------------------------------------
// MESSAGE-INTEGRITY: integrityInput() gives the bytes the HMAC covers (checked with node:crypto, test only).

function hmacSha1(key: Uint8Array | string, data: Uint8Array): string {
  return createHmac("sha1", key).update(data).digest("hex");
}

function longTermKey(username: string, realm: string, password: string): Uint8Array {
  return new Uint8Array(createHash("md5").update(`${username}:${realm}:${password}`).digest());
}

function integrityOk(bytes: Uint8Array, key: Uint8Array | string): boolean {
  const m = decoded(bytes);
  const mi = m.attributes.find((a) => a.type === StunAttributeType.MessageIntegrity);
  ok(mi !== undefined && mi.kind === "integrity");
  return hmacSha1(key, integrityInput(bytes, m, mi)) === mi.hmac;
}

Deno.test("integrityInput() lets the RFC 5769 §2.1–2.3 HMACs verify with the short-term password", () => {
  for (const bytes of [F.RFC5769_REQUEST, F.RFC5769_RESPONSE_IPV4, F.RFC5769_RESPONSE_IPV6]) {
    ok(integrityOk(bytes, F.RFC5769_PASSWORD));
  }
});

Deno.test("integrityInput() lets the RFC 5769 §2.4 HMAC verify with the long-term key", () => {
  ok(integrityOk(F.RFC5769_REQUEST_LONG_TERM, longTermKey("マトリックス", "example.org", "TheMatrIX")));
});

Deno.test("integrityInput() lets every TURN MESSAGE-INTEGRITY of the captures verify with netpix/netpix", async () => {
  const key = longTermKey("netpix", "netpix.local", "netpix");
  let checked = 0;
  for (const file of STUN_CAPTURES) {
    for (const d of await udpDatagrams(file)) {
      if (d.srcPort !== 3478 && d.dstPort !== 3478) continue; // ICE checks use random short-term passwords
      const m = decodeStun(d.payload);
      if (isFailure(m) || !m.attributes.some((a) => a.type === StunAttributeType.MessageIntegrity)) continue;
      ok(integrityOk(d.payload, key), `${file} frame ${d.frame}`);
      checked++;
    }
  }
  strictEqual(checked, 60 + 6 + 60); // tshark -Y "stun.att.hmac && udp.port==3478": demo, ice, turn-ipv6
});

Deno.test("integrityInput() yields an HMAC that no longer verifies when a covered byte changes", () => {
  ok(!integrityOk(withByte(F.RFC5769_REQUEST, 40, 0x6f), F.RFC5769_PASSWORD));
});

// ---------------------------------------------------------------------------------------------------------------
// Every STUN and ChannelData message of the captures against tshark's dissection.

const TSHARK_FIELDS = [
  "frame.number",
  "stun.type",
  "stun.type.class",
  "stun.type.method",
  "stun.length",
  "stun.id",
  "stun.channel",
  "stun.att.type",
  "stun.att.length",
  "stun.att.ipv4",
  "stun.att.ipv6",
  "stun.att.port",
  "stun.att.family",
  "stun.att.ipv4-xord",
  "stun.att.port-xord",
  "stun.att.error.class",
  "stun.att.error",
  "stun.att.error.reason",
  "stun.att.lifetime",
  "stun.att.channelnum",
  "stun.att.realm",
  "stun.att.nonce",
  "stun.att.software",
  "stun.att.username",
  "stun.att.hmac",
  "stun.att.crc32",
  "stun.att.crc32.status",
  "stun.att.priority",
  "stun.att.tie-breaker",
  "stun.att.transp",
  "stun.att.change-ip",
  "stun.att.change-port",
  "stun.att.even-port.reserve-next",
  "stun.value",
] as const;
type TsharkRow = Record<(typeof TSHARK_FIELDS)[number], string[]>;

const TSHARK_UNKNOWN = new Set<number>([StunAttributeType.CoturnAddressErrorCode]);
/** Attributes whose value tshark 4.0 shows only as bytes (`stun.value`). */
const TSHARK_RAW_VALUE = new Set<number>([
  StunAttributeType.Data,
  StunAttributeType.CoturnAdditionalAddressFamily,
  StunAttributeType.CoturnAddressErrorCode,
  StunAttributeType.MobilityTicket,
]);
const hex4 = (n: number) => `0x${n.toString(16).padStart(4, "0")}`;
const TSHARK_CLASS: Record<StunClass, string> = {
  request: "0x0000",
  indication: "0x0001",
  success: "0x0010",
  error: "0x0011",
};

/** Compares one decoded message with tshark's row for the same frame. */
function compareStun(bytes: Uint8Array, m: StunMessage, t: TsharkRow, at: string): void {
  const eq = (actual: unknown, expected: unknown, what: string) => deepStrictEqual(actual, expected, `${at}: ${what}`);
  const A = StunAttributeType;
  const all = <K extends StunAttribute["kind"]>(kind: K, type?: number) =>
    m.attributes.filter((a): a is Extract<StunAttribute, { kind: K }> =>
      a.kind === kind && (type === undefined || a.type === type)
    );
  eq(hex4(m.type), t["stun.type"][0], "type");
  eq(TSHARK_CLASS[m.class], t["stun.type.class"][0], "class");
  eq(hex4(m.method), t["stun.type.method"][0], "method");
  eq(String(m.length), t["stun.length"][0], "length");
  eq(m.transactionId, t["stun.id"][0], "transaction ID");
  // tshark 4.0 does not know coturn's draft ADDRESS-ERROR-CODE (0x8033): it lists no type for it, only its value.
  const known = m.attributes.filter((a) => !TSHARK_UNKNOWN.has(a.type));
  eq(known.map((a) => hex4(a.type)), t["stun.att.type"], "attribute types");
  const raw = m.attributes.filter((a) => TSHARK_RAW_VALUE.has(a.type) && a.length > 0);
  eq(raw.map((a) => hexOf(bytes, a.offset + 4, a.length)), t["stun.value"], "values tshark shows as bytes");
  eq(m.attributes.map((a) => String(a.length)), t["stun.att.length"], "attribute lengths");
  const addresses = all("address");
  eq(addresses.filter((a) => a.family === 1).map((a) => a.address), t["stun.att.ipv4"], "IPv4 addresses");
  eq(addresses.filter((a) => a.family === 2).map((a) => a.address), t["stun.att.ipv6"], "IPv6 addresses");
  eq(
    addresses.filter((a) => a.xor && a.family === 1).map((a) => hexOf(bytes, a.offset + 8, 4)),
    t["stun.att.ipv4-xord"],
    "XOR-d IPv4",
  );
  const xorPorts = m.attributes.filter((a) => (a.kind === "address" && a.xor) || a.type === A.ResponsePort);
  eq(xorPorts.map((a) => hexOf(bytes, a.offset + 6, 2)), t["stun.att.port-xord"], "XOR-d ports");
  // tshark 4.0 dissects 0x0027 as the draft's XOR-RESPONSE-TARGET, not RFC 5780's RESPONSE-PORT: it reads the value's
  // second byte as a family and bytes 2–3 XOR 0x2112 as a port. Emulate that so the rest can be compared.
  const ports: string[] = [];
  const families: string[] = [];
  for (const a of m.attributes) {
    if (a.kind === "address") {
      ports.push(String(a.port));
      families.push(`0x0${a.family}`);
    } else if (a.type === A.ResponsePort) {
      ports.push(String(((bytes[a.offset + 6]! << 8) | bytes[a.offset + 7]!) ^ 0x2112));
      families.push(`0x${hexOf(bytes, a.offset + 5, 1)}`);
    } else if (a.kind === "address-family" && a.type === A.RequestedAddressFamily) {
      families.push(`0x0${a.family}`);
    }
  }
  eq(ports, t["stun.att.port"], "ports");
  eq(families, t["stun.att.family"], "families");
  const errors = all("error-code");
  eq(errors.map((a) => String(a.errorClass)), t["stun.att.error.class"], "error class");
  eq(errors.map((a) => String(a.errorNumber)), t["stun.att.error"], "error number");
  eq(errors.map((a) => a.reason), t["stun.att.error.reason"], "error reason");
  eq(all("number", A.Lifetime).map((a) => String(a.value)), t["stun.att.lifetime"], "LIFETIME");
  eq(all("number", A.Priority).map((a) => String(a.value)), t["stun.att.priority"], "PRIORITY");
  eq(all("channel-number").map((a) => hex4(a.channel)), t["stun.att.channelnum"], "CHANNEL-NUMBER");
  eq(all("text", A.Realm).map((a) => a.text), t["stun.att.realm"], "REALM");
  eq(all("text", A.Nonce).map((a) => a.text), t["stun.att.nonce"], "NONCE");
  eq(all("text", A.Software).map((a) => a.text), t["stun.att.software"], "SOFTWARE");
  eq(all("text", A.Username).map((a) => a.text), t["stun.att.username"], "USERNAME");
  eq(all("integrity", A.MessageIntegrity).map((a) => a.hmac), t["stun.att.hmac"], "MESSAGE-INTEGRITY");
  const fingerprints = all("fingerprint");
  eq(fingerprints.map((a) => `0x${a.value.toString(16).padStart(8, "0")}`), t["stun.att.crc32"], "FINGERPRINT");
  eq(fingerprints.map((a) => a.valid ? "1" : "2"), t["stun.att.crc32.status"], "FINGERPRINT status");
  eq(all("tie-breaker").map((a) => a.tieBreaker), t["stun.att.tie-breaker"], "tie-breaker");
  eq(
    all("requested-transport").map((a) => `0x${a.protocol.toString(16).padStart(2, "0")}`),
    t["stun.att.transp"],
    "transport",
  );
  const changes = all("change-request");
  eq(changes.map((a) => a.changeIp ? "1" : "0"), t["stun.att.change-ip"], "CHANGE-REQUEST change IP");
  eq(changes.map((a) => a.changePort ? "1" : "0"), t["stun.att.change-port"], "CHANGE-REQUEST change port");
  eq(all("even-port").map((a) => a.reserveNext ? "1" : "0"), t["stun.att.even-port.reserve-next"], "EVEN-PORT");
}

function hexOf(bytes: Uint8Array, start: number, length: number): string {
  return Array.from(bytes.subarray(start, start + length), (b) => b.toString(16).padStart(2, "0")).join("");
}

for (const file of STUN_CAPTURES) {
  Deno.test({
    name: `decodeStun() and decodeChannelData() agree with tshark on every STUN/TURN message of ${file}`,
    ignore: !hasTshark,
    fn: async () => {
      const rows = await tsharkFields(file, "stun", TSHARK_FIELDS);
      const datagrams = new Map((await udpDatagrams(file)).map((d) => [d.frame, d]));
      let messages = 0;
      let channelData = 0;
      for (const t of rows) {
        const frame = Number(t["frame.number"][0]);
        const d = datagrams.get(frame)!;
        const at = `${file} frame ${frame}`;
        if (t["stun.channel"].length > 0) {
          const c = decodeChannelData(d.frameBytes, d.offset, d.length);
          if (isFailure(c)) throw new Error(`${at}: ${c.detail}`);
          deepStrictEqual([hex4(c.channel), String(c.dataLength)], [t["stun.channel"][0], t["stun.length"][0]], at);
          ok(looksLikeChannelData(d.frameBytes, d.offset, d.length, { reservedChannels: true }), at);
          channelData++;
        } else {
          compareStun(d.frameBytes, decoded(d.frameBytes, d.offset, d.length), t, at);
          ok(looksLikeStun(d.frameBytes, d.offset, d.length), at);
          messages++;
        }
      }
      // Everything else in the file is neither (RTP, RTCP, MPEG-TS, relayed peer data).
      const tsharkFrames = new Set(rows.map((t) => Number(t["frame.number"][0])));
      for (const d of datagrams.values()) {
        if (tsharkFrames.has(d.frame)) continue;
        ok(!looksLikeStun(d.frameBytes, d.offset, d.length), `${file} frame ${d.frame}: not STUN for tshark`);
        ok(
          !looksLikeChannelData(d.frameBytes, d.offset, d.length, { reservedChannels: true }),
          `${file} frame ${d.frame}`,
        );
      }
      const want: Record<string, [number, number]> = {
        "demo.pcap": [96, 20],
        "stun/ice.pcap": [26, 5],
        "stun/turn-ipv6.pcap": [80, 5],
      };
      deepStrictEqual([messages, channelData], want[file]);
    },
  });
}
