import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { FILTER_LIMITS } from "./error.ts";
import { parseFilter, showFilter } from "./parser.ts";

/** Inputs that parse, and their trees. */
const valid: readonly { name: string; input: string; tree: string }[] = [
  { name: "reads an empty filter as match-all", input: "", tree: "*" },
  { name: "reads a blank filter as match-all", input: " \t\n ", tree: "*" },
  { name: "reads a field term", input: "src:10.0.0.1", tree: "src:10.0.0.1" },
  { name: "keeps the key as typed (case is resolved at compile time)", input: "SRC:x", tree: "SRC:x" },
  { name: "keeps every colon of an ip:port value", input: "src:10.0.0.1:5000", tree: "src:10.0.0.1:5000" },
  { name: "reads a port-only address value", input: "dst::5004", tree: "dst::5004" },
  { name: "reads >", input: "len:>100", tree: "len:>100" },
  { name: "reads >=", input: "len:>=100", tree: "len:>=100" },
  { name: "reads <", input: "len:<100", tree: "len:<100" },
  { name: "reads <=", input: "len:<=100", tree: "len:<=100" },
  { name: "reads =", input: "alias:=A", tree: "alias:=A" },
  { name: "reads !=", input: "alias:!=A", tree: "alias:!=A" },
  { name: "reads a bare word", input: "rtp", tree: "rtp" },
  { name: "reads a bare IPv4 address", input: "10.0.0.1", tree: "10.0.0.1" },
  { name: "reads a bare bracketed IPv6 endpoint", input: "[2001:db8::1]:5004", tree: "[2001:db8::1]:5004" },
  { name: "reads a quoted IPv6 endpoint", input: 'src:"[2001:db8::1]:5004"', tree: 'src:"[2001:db8::1]:5004"' },
  { name: "reads a quoted value with a space", input: 'type:"sender report"', tree: 'type:"sender report"' },
  { name: "reads a quoted phrase as a word", input: '"sender report"', tree: '"sender report"' },
  { name: 'resolves \\" and \\\\ escapes', input: 'cname:"a\\"b\\\\c"', tree: 'cname:"a\\"b\\\\c"' },
  { name: "resolves \\n and \\t escapes", input: 'x:"a\\nb\\tc"', tree: 'x:"a\\nb\\tc"' },
  { name: "reads a quoted comparison value", input: 'len:>"5"', tree: 'len:>"5"' },
  { name: "reads an empty quoted value", input: 'cname:""', tree: 'cname:""' },
  { name: "reads AND", input: "a:1 AND b:2", tree: "(and a:1 b:2)" },
  { name: "reads OR", input: "a:1 OR b:2", tree: "(or a:1 b:2)" },
  { name: "reads keywords in any case", input: "a:1 and b:2 Or NoT c:3", tree: "(or (and a:1 b:2) (not c:3))" },
  { name: "reads && || !", input: "a:1 && b:2 || !c:3", tree: "(or (and a:1 b:2) (not c:3))" },
  { name: "reads && and || without spaces", input: "a:1&&b:2||c:3", tree: "(or (and a:1 b:2) c:3)" },
  { name: "ANDs adjacent terms", input: "a:1 b:2 rtp", tree: "(and a:1 b:2 rtp)" },
  { name: "binds AND tighter than OR (left)", input: "a:1 OR b:2 AND c:3", tree: "(or a:1 (and b:2 c:3))" },
  { name: "binds AND tighter than OR (right)", input: "a:1 AND b:2 OR c:3", tree: "(or (and a:1 b:2) c:3)" },
  { name: "binds implicit AND tighter than OR", input: "a:1 OR b:2 c:3", tree: "(or a:1 (and b:2 c:3))" },
  { name: "binds NOT tighter than AND", input: "NOT a:1 AND b:2", tree: "(and (not a:1) b:2)" },
  { name: "binds NOT tighter than OR", input: "NOT a:1 OR b:2", tree: "(or (not a:1) b:2)" },
  { name: "stacks NOTs", input: "NOT NOT a:1", tree: "(not (not a:1))" },
  { name: "lets parentheses override precedence", input: "(a:1 OR b:2) AND c:3", tree: "(and (or a:1 b:2) c:3)" },
  { name: "reads NOT( without a space", input: "NOT(a:1 OR b:2)", tree: "(not (or a:1 b:2))" },
  { name: "reads !( without a space", input: "!(a:1)", tree: "(not a:1)" },
  { name: "reads nested parentheses", input: "((a:1))", tree: "a:1" },
  { name: "ANDs a term and a group", input: "a:1 (b:2 OR c:3)", tree: "(and a:1 (or b:2 c:3))" },
  { name: "ANDs two groups without a space", input: "(a:1)(b:2)", tree: "(and a:1 b:2)" },
  { name: "chains ORs flat", input: "a OR b OR c", tree: "(or a b c)" },
  { name: "treats tabs and newlines as spaces", input: "a:1\tOR\nb:2", tree: "(or a:1 b:2)" },
  { name: "reads a quoted AND as a word, not a keyword", input: '"and"', tree: '"and"' },
  { name: "reads a value that looks like a keyword", input: "type:and", tree: "type:and" },
  { name: "reads a single & or | inside a word", input: "a&b|c", tree: "a&b|c" },
  { name: "reads != at the start of a word as text", input: "!=x", tree: "!=x" },
  { name: "reads a keyword-prefixed word as a word", input: "android", tree: "android" },
];

for (const c of valid) {
  Deno.test(`parseFilter() ${c.name}`, () => {
    const r = parseFilter(c.input);
    if (!r.ok) throw new Error(`unexpected error: ${JSON.stringify(r.error)}`);
    strictEqual(showFilter(r.node), c.tree);
  });
}

/** Inputs that do not parse: the error code and span. */
const invalid: readonly { name: string; input: string; code: string; at: number; end?: number }[] = [
  { name: "rejects a key with no value", input: "src:", code: "missing-value", at: 4 },
  { name: "rejects a key and operator with no value", input: "len:>= AND a", code: "missing-value", at: 6 },
  { name: "rejects a key followed by a parenthesis", input: "(src:)", code: "missing-value", at: 5 },
  { name: "rejects an unterminated quote", input: 'type:"sender', code: "unterminated-string", at: 5, end: 12 },
  { name: "rejects an unknown escape", input: 'a:"x\\q"', code: "bad-escape", at: 4, end: 6 },
  { name: "rejects a backslash at the end", input: 'a:"x\\', code: "bad-escape", at: 4, end: 5 },
  { name: "rejects a quote inside an unquoted value", input: 'cname:ab"c"', code: "unexpected-character", at: 8 },
  { name: "rejects text glued to a closing quote", input: 'a:"x"y', code: "unexpected-character", at: 5 },
  { name: "rejects two quoted strings glued together", input: '"x""y"', code: "unexpected-character", at: 3 },
  { name: "rejects a stray ) after a complete filter", input: "a:1 )", code: "unexpected-token", at: 4, end: 5 },
  { name: "rejects a leading )", input: ") a:1", code: "unexpected-token", at: 0 },
  { name: "rejects an unclosed (", input: "(a:1 OR b:2", code: "unclosed-paren", at: 0, end: 1 },
  { name: "rejects an unclosed inner (", input: "(a:1 (b:2)", code: "unclosed-paren", at: 0 },
  { name: "rejects empty parentheses", input: "a:1 ()", code: "missing-term", at: 4, end: 6 },
  { name: "rejects a trailing AND", input: "a:1 AND", code: "missing-term", at: 7 },
  { name: "rejects a trailing OR", input: "a:1 OR ", code: "missing-term", at: 7 },
  { name: "rejects a trailing NOT", input: "a:1 NOT", code: "missing-term", at: 7 },
  { name: "rejects a leading AND", input: "AND a:1", code: "unexpected-token", at: 0, end: 3 },
  { name: "rejects a leading OR", input: "|| a:1", code: "unexpected-token", at: 0, end: 2 },
  { name: "rejects AND AND", input: "a:1 AND AND b:2", code: "unexpected-token", at: 8, end: 11 },
  { name: "rejects OR AND", input: "a:1 OR AND b:2", code: "unexpected-token", at: 7 },
  { name: "rejects NOT before )", input: "(NOT) a", code: "unexpected-token", at: 4 },
  { name: "rejects OR before )", input: "(a OR)", code: "unexpected-token", at: 5 },
  { name: "rejects a lone (", input: "(", code: "missing-term", at: 1 },
  { name: "rejects a lone NOT", input: "not", code: "missing-term", at: 3 },
];

for (const c of invalid) {
  Deno.test(`parseFilter() ${c.name}`, () => {
    const r = parseFilter(c.input);
    if (r.ok) throw new Error(`expected an error, got ${showFilter(r.node)}`);
    deepStrictEqual([r.error.code, r.error.at, r.error.end], [c.code, c.at, c.end ?? r.error.end]);
    strictEqual(r.error.at <= c.input.length && r.error.end <= c.input.length, true);
    strictEqual(r.error.message.length > 0, true);
  });
}

Deno.test("parseFilter() names the key and operator in a missing-value message", () => {
  const r = parseFilter("src:");
  deepStrictEqual(r, {
    ok: false,
    error: { code: "missing-value", message: "Expected a value after 'src:'", at: 4, end: 4 },
  });
});

Deno.test("parseFilter() says which token follows an operator it cannot use", () => {
  const r = parseFilter("a OR AND b");
  strictEqual(r.ok ? "" : r.error.message, "Expected a term after 'OR' but found 'AND'");
});

Deno.test("parseFilter() accepts input of exactly the length limit", () => {
  const r = parseFilter("a".repeat(FILTER_LIMITS.maxLength));
  strictEqual(r.ok, true);
});

Deno.test("parseFilter() rejects input over the length limit at the first character past it", () => {
  const input = "a ".repeat(FILTER_LIMITS.maxLength);
  const r = parseFilter(input);
  deepStrictEqual(r.ok ? null : [r.error.code, r.error.at, r.error.end], [
    "too-long",
    FILTER_LIMITS.maxLength,
    input.length,
  ]);
});

Deno.test("parseFilter() accepts parentheses nested to the depth limit", () => {
  const d = FILTER_LIMITS.maxDepth;
  const r = parseFilter("(".repeat(d) + "a" + ")".repeat(d));
  strictEqual(r.ok && showFilter(r.node), "a");
});

Deno.test("parseFilter() rejects parentheses nested past the depth limit at the first ( too many", () => {
  const d = FILTER_LIMITS.maxDepth + 1;
  const r = parseFilter("(".repeat(d) + "a" + ")".repeat(d));
  deepStrictEqual(r.ok ? null : [r.error.code, r.error.at], ["too-deep", d - 1]);
});

Deno.test("parseFilter() counts NOTs and parentheses together against the depth limit", () => {
  const r = parseFilter("!(".repeat(FILTER_LIMITS.maxDepth) + "a" + ")".repeat(FILTER_LIMITS.maxDepth));
  strictEqual(r.ok ? "" : r.error.code, "too-deep");
  const ok = parseFilter("!(".repeat(FILTER_LIMITS.maxDepth / 2) + "a" + ")".repeat(FILTER_LIMITS.maxDepth / 2));
  strictEqual(ok.ok, true);
});

Deno.test("parseFilter() never ignores trailing tokens (the original dropped them)", () => {
  // netpix-original §4.8: `a:b c:d` was read as `a:b` and `source:10.0.0.1:5000` as `source:10.0.0.1`.
  const r = parseFilter("a:b c:d");
  strictEqual(r.ok && showFilter(r.node), "(and a:b c:d)");
});
