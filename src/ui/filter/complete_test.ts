import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { complete } from "./complete.ts";
import type { FieldSpec } from "./fields.ts";
import { RTCP_FIELDS, RTP_FIELDS } from "./_samples.ts";

const ALL_RTP_FIELDS = RTP_FIELDS.map((f) => `${f.key}:`);

/** `|` in `at` marks the cursor. */
function at(marked: string, fields: readonly FieldSpec<never>[]) {
  const cursor = marked.indexOf("|");
  const input = marked.slice(0, cursor) + marked.slice(cursor + 1);
  const c = complete(input, cursor, fields);
  return {
    from: c.from,
    to: c.to,
    inserts: c.items.map((i) => i.insert),
    kinds: [...new Set(c.items.map((i) => i.kind))],
  };
}

const cases: readonly {
  name: string;
  input: string;
  fields?: readonly FieldSpec<never>[];
  want: { from: number; to: number; inserts: string[] };
}[] = [
  {
    name: "offers every field and NOT on an empty input",
    input: "|",
    want: { from: 0, to: 0, inserts: [...ALL_RTP_FIELDS, "NOT"] },
  },
  { name: "offers fields by prefix", input: "s|", want: { from: 0, to: 1, inserts: ["src:", "ssrc:", "seq:"] } },
  { name: "offers fields by prefix ignoring case", input: "SS|", want: { from: 0, to: 2, inserts: ["ssrc:"] } },
  { name: "offers an alias that matches the prefix", input: "sou|", want: { from: 0, to: 3, inserts: ["source:"] } },
  {
    name: "offers AND / OR / NOT after a complete term",
    input: "pt:96 |",
    want: { from: 6, to: 6, inserts: [...ALL_RTP_FIELDS, "AND", "OR", "NOT"] },
  },
  { name: "offers a keyword by prefix after a term", input: "pt:96 o|", want: { from: 6, to: 7, inserts: ["OR"] } },
  { name: "offers no AND after AND", input: "pt:96 AND a|", want: { from: 10, to: 11, inserts: ["alias:"] } },
  {
    name: "offers NOT (not AND) after an opening parenthesis",
    input: "(n|",
    want: { from: 1, to: 2, inserts: ["NOT"] },
  },
  {
    name: "offers fields right after an opening parenthesis",
    input: "(|",
    want: { from: 1, to: 1, inserts: [...ALL_RTP_FIELDS, "NOT"] },
  },
  {
    name: "offers AND / OR after a closing parenthesis",
    input: "(pt:96) |",
    want: { from: 8, to: 8, inserts: [...ALL_RTP_FIELDS, "AND", "OR", "NOT"] },
  },
  {
    name: "replaces the whole word when the cursor is inside it",
    input: "ti|mx",
    want: { from: 0, to: 4, inserts: ["timestamp:"] },
  },
  {
    name: "replaces only the key when a colon follows",
    input: "sr|c:10.0.0.1",
    want: { from: 0, to: 3, inserts: ["src"] },
  },
  { name: "offers enum values after field:", input: "marker:|", want: { from: 7, to: 7, inserts: ["yes", "no"] } },
  { name: "offers enum values by prefix", input: "pt:96 marker:n|", want: { from: 13, to: 14, inserts: ["no"] } },
  {
    name: "offers enum values whatever the key's case",
    input: "MARKER:Y|",
    want: { from: 7, to: 8, inserts: ["yes"] },
  },
  {
    name: "offers comparison operators after a number field's colon",
    input: "payload:|",
    want: { from: 8, to: 8, inserts: [">", ">=", "<", "<=", "!="] },
  },
  { name: "offers nothing inside a number value", input: "payload:>1|", want: { from: 10, to: 10, inserts: [] } },
  { name: "offers nothing inside an address value", input: "src:10.|", want: { from: 7, to: 7, inserts: [] } },
  { name: "offers nothing after an unknown field", input: "bogus:|", want: { from: 6, to: 6, inserts: [] } },
  { name: "offers nothing inside a quoted word", input: '"rt|"', want: { from: 3, to: 3, inserts: [] } },
  {
    name: "quotes enum values with spaces",
    input: "type:|",
    fields: RTCP_FIELDS,
    want: { from: 5, to: 5, inserts: ['"sender report"', '"receiver report"', '"source description"', "goodbye"] },
  },
  {
    name: "completes inside an unterminated quote, replacing it",
    input: 'type:"rec|',
    fields: RTCP_FIELDS,
    want: { from: 5, to: 9, inserts: ['"receiver report"'] },
  },
  {
    name: "offers values that contain the typed text after those that start with it",
    input: "type:re|",
    fields: RTCP_FIELDS,
    want: { from: 5, to: 7, inserts: ['"receiver report"', '"sender report"'] },
  },
  {
    name: "offers values for the term under the cursor, not the last one",
    input: "marker:y| pt:96",
    want: { from: 7, to: 8, inserts: ["yes"] },
  },
];

for (const c of cases) {
  Deno.test(`complete() ${c.name}: ${c.input}`, () => {
    const got = at(c.input, c.fields ?? RTP_FIELDS);
    deepStrictEqual({ from: got.from, to: got.to, inserts: got.inserts }, c.want);
  });
}

Deno.test("complete() describes fields with their help line and kind, aliases by the name typed", () => {
  const c = complete("pay", 3, RTP_FIELDS);
  deepStrictEqual(c.items, [
    { label: "payload_type:", insert: "payload_type:", kind: "field", detail: "Payload type" },
    { label: "payload:", insert: "payload:", kind: "field", detail: "Payload length in bytes" },
  ]);
});

Deno.test("complete() clamps a cursor outside the input", () => {
  deepStrictEqual(complete("pt:96 o", 99, RTP_FIELDS).items.map((i) => i.insert), ["OR"]);
  strictEqual(complete("pt", -5, RTP_FIELDS).from, 0);
});

Deno.test("complete() gives a replacement that yields a valid filter", () => {
  const input = 'type:"sen';
  const c = complete(input, input.length, RTCP_FIELDS);
  const first = c.items[0];
  strictEqual(first?.insert, '"sender report"');
  strictEqual(input.slice(0, c.from) + first.insert + input.slice(c.to), 'type:"sender report"');
});
