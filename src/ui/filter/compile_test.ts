import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { compileFilter } from "./compile.ts";
import type { FieldSpec } from "./fields.ts";
import { RTCP_FIELDS, RTCP_ROWS, RTP_FIELDS, RTP_ROWS, STREAM_FIELDS, STREAM_ROWS } from "./_samples.ts";

function rtp(filter: string): number[] {
  const f = compileFilter(filter, RTP_FIELDS);
  if (!f.ok) throw new Error(`${filter}: ${f.error.message} at ${f.error.at}`);
  return RTP_ROWS.filter(f.test).map((r) => r.no);
}

function rtcp(filter: string): string[] {
  const f = compileFilter(filter, RTCP_FIELDS);
  if (!f.ok) throw new Error(`${filter}: ${f.error.message} at ${f.error.at}`);
  return RTCP_ROWS.filter(f.test).map((r) => r.no);
}

function streams(filter: string): string[] {
  const f = compileFilter(filter, STREAM_FIELDS);
  if (!f.ok) throw new Error(`${filter}: ${f.error.message} at ${f.error.at}`);
  return STREAM_ROWS.filter(f.test).map((r) => r.alias);
}

/** RTP rows (see _samples.ts): 1 demo Opus, 2 demo H.264, 3 Chromium Opus, 4 GStreamer Opus, 5 Opus over IPv6. */
const rtpCases: readonly { name: string; filter: string; rows: number[] }[] = [
  { name: "keeps every row for an empty filter", filter: "", rows: [1, 2, 3, 4, 5] },
  { name: "compares a number field for equality", filter: "pt:96", rows: [2] },
  { name: "compares with =", filter: "pt:=111", rows: [1, 3, 4, 5] },
  { name: "compares with !=", filter: "pt:!=111", rows: [2] },
  { name: "compares with >", filter: "payload:>100", rows: [2, 4] },
  { name: "compares with >=", filter: "payload:>=97", rows: [2, 3, 4] },
  { name: "compares with <", filter: "payload:<97", rows: [1, 5] },
  { name: "compares with <=", filter: "payload:<=97", rows: [1, 3, 5] },
  { name: "reads hex numbers (SSRC)", filter: "ssrc:0x9acde651", rows: [3] },
  { name: "reads hex numbers in any case", filter: "ssrc:0X9ACDE651", rows: [3] },
  { name: "reads decimal SSRCs", filter: "ssrc:287454020", rows: [2] },
  { name: "compares unsigned 32-bit timestamps", filter: "ts:>2147483648", rows: [3] },
  { name: "treats a leading zero as the same number (the original compared text)", filter: "pt:0096", rows: [2] },
  { name: "matches keys in any case", filter: "PT:96", rows: [2] },
  { name: "matches aliases of keys", filter: "Payload_Type:96", rows: [2] },
  { name: "matches enum values exactly", filter: "marker:no", rows: [2] },
  { name: "matches enum values in any case", filter: "marker:YES", rows: [1, 3, 4, 5] },
  { name: "matches strings as substrings ignoring case", filter: "alias:a", rows: [1] },
  { name: "matches strings exactly with =", filter: "alias:=c", rows: [4] },
  { name: "never matches a missing value, even with !=", filter: "alias:!=A", rows: [2, 4, 5] },
  { name: "matches a missing value under NOT", filter: "NOT alias:A", rows: [2, 3, 4, 5] },
  { name: "matches an address with ip:port", filter: "src:127.0.0.1:35217", rows: [1] },
  { name: "matches an address without port on any port", filter: "dst:192.0.2.1", rows: [3] },
  { name: "does not match a longer address that starts the same", filter: "src:127.0.0.10", rows: [] },
  { name: "matches a port-only address with a colon", filter: "dst::5004", rows: [2] },
  { name: "matches a port-only address without a colon", filter: "dst:5006", rows: [1] },
  { name: "matches an IPv4 prefix", filter: "src:192.0.2.0/24", rows: [3] },
  { name: "matches an IPv4 /0 prefix for every IPv4 row", filter: "src:0.0.0.0/0", rows: [1, 2, 3, 4] },
  { name: "matches an IPv6 endpoint in quotes", filter: 'src:"[2001:db8:1::1]:36398"', rows: [5] },
  { name: "matches an IPv6 endpoint in brackets without quotes", filter: "src:[2001:db8:1::1]:36398", rows: [5] },
  { name: "matches an IPv6 address in another spelling", filter: "src:2001:0db8:1:0:0:0:0:1", rows: [5] },
  { name: "does not match an IPv6 address with the wrong port", filter: "src:[2001:db8:1::1]:1", rows: [] },
  { name: "matches an IPv6 prefix", filter: "dst:2001:db8::/32", rows: [5] },
  { name: "falls back to a substring for partial addresses", filter: "src:127.0.0.", rows: [1, 2, 4] },
  { name: "matches a bare word on the default fields (alias)", filter: "d", rows: [5] },
  { name: "matches a bare IPv4 address on address fields, not as a substring", filter: "192.0.2.1", rows: [3] },
  { name: "matches a bare port on address fields", filter: "5012", rows: [4] },
  { name: "matches a bare ip:port", filter: "127.0.0.1:48202", rows: [2] },
  { name: "matches an unquoted bare IPv6 address that lexes like a field", filter: "2001:db8:1::2", rows: [5] },
  { name: "matches an unquoted fe80-style IPv6 address as a word", filter: "fe80::1", rows: [] },
  { name: "applies NOT before AND", filter: "NOT pt:96 AND marker:yes", rows: [1, 3, 4, 5] },
  { name: "applies AND before OR", filter: "pt:96 OR marker:yes AND alias:c", rows: [2, 4] },
  { name: "applies implicit AND before OR", filter: "pt:96 OR marker:yes alias:c", rows: [2, 4] },
  { name: "applies parentheses first", filter: "(pt:96 OR marker:yes) AND NOT alias:c", rows: [1, 2, 3, 5] },
  { name: "applies || && !", filter: "!pt:111 || src::36398 && alias:d", rows: [2, 5] },
];

for (const c of rtpCases) {
  Deno.test(`compileFilter() on RTP rows ${c.name}: ${c.filter || "(empty)"}`, () => {
    deepStrictEqual(rtp(c.filter), c.rows);
  });
}

Deno.test('compileFilter() on RTCP rows matches type:"sender report"', () => {
  deepStrictEqual(rtcp('type:"sender report"'), ["8 (1)", "16 (1)", "762 (1)", "764 (1)", "1619 (1)", "1627 (1)"]);
});

Deno.test("compileFilter() on RTCP rows matches part of an enum value (type:sender)", () => {
  deepStrictEqual(rtcp("type:sender"), rtcp('type:"sender report"'));
});

Deno.test("compileFilter() on RTCP rows compares SR counts and skips rows without them", () => {
  deepStrictEqual(rtcp("packets:>500"), ["1619 (1)", "1627 (1)"]);
  deepStrictEqual(rtcp("packets:<1"), ["8 (1)", "16 (1)"]);
});

Deno.test("compileFilter() on RTCP rows combines a port, a type and an octet count", () => {
  deepStrictEqual(rtcp("dst:5005 type:sender octets:>100000"), ["762 (1)", "1627 (1)"]);
});

Deno.test("compileFilter() on RTCP rows matches a CNAME substring and a free-text word", () => {
  deepStrictEqual(rtcp("cname:netpix-DEMO dst::5007"), ["16 (2)", "764 (2)", "1619 (2)"]);
  deepStrictEqual(rtcp('"source description" dst::5007'), ["16 (2)", "764 (2)", "1619 (2)"]);
});

Deno.test("compileFilter() on RTCP rows matches a whole quoted CNAME with =", () => {
  deepStrictEqual(rtcp('cname:="NETPIX-demo@127.0.0.1" dst::5005'), ["8 (2)", "762 (2)", "1627 (2)"]);
  deepStrictEqual(rtcp('cname:="netpix-demo@127.0.0"'), []);
});

const streamCases: readonly { name: string; filter: string; aliases: string[] }[] = [
  { name: "compares fractional numbers", filter: "loss:>0.3", aliases: ["B", "C"] },
  { name: "compares with a decimal point and exponent", filter: "bitrate:>=1.5e3", aliases: ["C"] },
  { name: "never matches a null number, even with <", filter: "jitter:<1", aliases: ["B"] },
  { name: "matches a null number under NOT", filter: "NOT jitter:<1", aliases: ["A", "C", "BA"] },
  { name: "searches freeText fields only for bare words (alias)", filter: "ba", aliases: ["BA"] },
  { name: "searches number freeText fields by numeric equality", filter: "0x55667788", aliases: ["B"] },
  { name: "searches address freeText fields but not the others (dst is not freeText)", filter: "5004", aliases: [] },
  { name: "matches a range with two comparisons", filter: "packets:>=500 packets:<=523", aliases: ["A", "B"] },
  { name: "matches a field alias", filter: "packet_count:1", aliases: ["BA"] },
];

for (const c of streamCases) {
  Deno.test(`compileFilter() on stream rows ${c.name}: ${c.filter}`, () => {
    deepStrictEqual(streams(c.filter), c.aliases);
  });
}

/** Filters that are valid syntax but not valid for the table. */
const compileErrors: readonly { name: string; filter: string; code: string; at: number; end: number }[] = [
  { name: "rejects an unknown field at its key", filter: "pt:96 OR colour:red", code: "unknown-field", at: 9, end: 15 },
  { name: "rejects a number field with a word", filter: "payload:>big", code: "bad-number", at: 9, end: 12 },
  { name: "rejects a number field with an address", filter: "seq:10.0.0.1", code: "bad-number", at: 4, end: 12 },
  { name: "rejects > on a string field", filter: "alias:>A", code: "bad-operator", at: 6, end: 7 },
  { name: "rejects <= on an address field", filter: "src:<=10.0.0.1", code: "bad-operator", at: 4, end: 6 },
  { name: "rejects >= on an enum field", filter: "marker:>=1", code: "bad-operator", at: 7, end: 9 },
  { name: "rejects an enum value that matches nothing", filter: "marker:maybe", code: "unknown-value", at: 7, end: 12 },
  { name: "rejects = with a partial enum value", filter: "marker:=ye", code: "unknown-value", at: 8, end: 10 },
  { name: "reports the first error from the left", filter: "bogus:1 pt:x", code: "unknown-field", at: 0, end: 5 },
];

for (const c of compileErrors) {
  Deno.test(`compileFilter() ${c.name}: ${c.filter}`, () => {
    const f = compileFilter(c.filter, RTP_FIELDS);
    deepStrictEqual(f.ok ? null : [f.error.code, f.error.at, f.error.end], [c.code, c.at, c.end]);
  });
}

Deno.test("compileFilter() lists the valid fields and suggests the closest for an unknown one", () => {
  const f = compileFilter("scr:10.0.0.1", RTP_FIELDS);
  deepStrictEqual(f.ok ? null : f.error, {
    code: "unknown-field",
    message:
      "Unknown field 'scr'. Did you mean 'src'? Fields: src, dst, ssrc, pt, seq, timestamp, marker, payload, alias",
    at: 0,
    end: 3,
    suggestion: "src",
    expected: ["src", "dst", "ssrc", "pt", "seq", "timestamp", "marker", "payload", "alias"],
  });
});

Deno.test("compileFilter() suggests a field from a typed prefix or a long form", () => {
  const prefix = compileFilter("time:1", RTP_FIELDS);
  strictEqual(prefix.ok ? null : prefix.error.suggestion, "timestamp");
  const longer = compileFilter("sources:1.2.3.4", RTP_FIELDS);
  strictEqual(longer.ok ? null : longer.error.suggestion, "src");
});

Deno.test("compileFilter() gives no suggestion when nothing is close", () => {
  const f = compileFilter("zzzzzz:1", RTP_FIELDS);
  strictEqual(f.ok ? "ok" : f.error.suggestion, undefined);
  strictEqual(
    f.ok ? "" : f.error.message,
    `Unknown field 'zzzzzz'. Fields: ${RTP_FIELDS.map((x) => x.key).join(", ")}`,
  );
});

Deno.test("compileFilter() names the enum values when one is unknown", () => {
  const f = compileFilter("type:sendr", RTCP_FIELDS);
  strictEqual(
    f.ok ? "" : f.error.message,
    `'sendr' is not a value of 'type': use one of "sender report", "receiver report", "source description", goodbye`,
  );
});

Deno.test("compileFilter() says why a comparison is refused", () => {
  const f = compileFilter("cname:>5", RTCP_FIELDS);
  strictEqual(f.ok ? "" : f.error.message, "'>' compares numbers, but 'cname' is a string field");
});

Deno.test("compileFilter() returns parse errors unchanged", () => {
  deepStrictEqual(compileFilter("(pt:96", RTP_FIELDS), {
    ok: false,
    error: { code: "unclosed-paren", message: "This '(' is never closed", at: 0, end: 1 },
  });
});

Deno.test("compileFilter() reports an empty filter as matchesAll with no tree", () => {
  const f = compileFilter("   ", RTP_FIELDS);
  deepStrictEqual(f.ok && [f.matchesAll, f.node], [true, null]);
  const g = compileFilter("pt:96", RTP_FIELDS);
  strictEqual(g.ok && g.matchesAll, false);
});

Deno.test("compileFilter() rejects bare words on a table with only number fields", () => {
  const fields: FieldSpec<{ n: number }>[] = [{ key: "n", type: "number", help: "A number", get: (r) => r.n }];
  const f = compileFilter("n:1 rtp", fields);
  deepStrictEqual(f.ok ? null : [f.error.code, f.error.at, f.error.end], ["no-free-text", 4, 7]);
});

Deno.test("compileFilter() never matches NaN", () => {
  const fields: FieldSpec<{ n: number }>[] = [{ key: "n", type: "number", help: "A number", get: (r) => r.n }];
  const f = compileFilter("n:!=1", fields);
  strictEqual(f.ok && f.test({ n: NaN }), false);
  strictEqual(f.ok && f.test({ n: 2 }), true);
});

Deno.test("compileFilter() calls get() as a method, so a spec may use this", () => {
  const spec = {
    key: "v",
    type: "string" as const,
    help: "v",
    prefix: "x-",
    get(this: { prefix: string }, r: { v: string }): string {
      return this.prefix + r.v;
    },
  };
  const f = compileFilter("v:x-a", [spec]);
  strictEqual(f.ok && f.test({ v: "a" }), true);
});
