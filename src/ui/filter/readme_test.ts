import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { compileFilter } from "./compile.ts";
import type { FieldSpec } from "./fields.ts";

/** A table with every field README.md uses in its examples. */
type Row = Record<string, string | number | null>;
const text = (key: string): FieldSpec<Row> => ({ key, type: "string", help: key, get: (r) => r[key] as string });
const num = (key: string): FieldSpec<Row> => ({ key, type: "number", help: key, get: (r) => r[key] as number });
const FIELDS: FieldSpec<Row>[] = [
  { key: "src", aliases: ["source"], type: "address", help: "src", get: (r) => r.src as string },
  { key: "dst", type: "address", help: "dst", get: (r) => r.dst as string },
  {
    key: "type",
    type: "enum",
    values: ["sender report", "receiver report"],
    help: "type",
    get: (r) => r.type as string,
  },
  { key: "marker", type: "enum", values: ["yes", "no"], help: "marker", get: (r) => r.marker as string },
  text("alias"),
  text("cname"),
  num("len"),
  num("pt"),
  num("ssrc"),
  num("loss"),
];

const readme = await Deno.readTextFile(new URL("./README.md", import.meta.url));

Deno.test("README.md: every example filter compiles", () => {
  const block = readme.split("## Examples")[1]!.split("```text\n")[1]!.split("```")[0]!;
  const filters = block.trim().split("\n").map((l) => l.split(/\s{2,}/)[0]!.trim());
  strictEqual(filters.length, 5);
  for (const f of filters) {
    const r = compileFilter(f, FIELDS);
    strictEqual(r.ok, true, `${f}: ${r.ok ? "" : r.error.message}`);
  }
});

Deno.test("README.md: every error example gives the message shown", () => {
  const lines = readme.split("## Errors")[1]!.split("\n").filter((l) => l.startsWith("- `"));
  strictEqual(lines.length, 7);
  for (const line of lines) {
    const [, filter, message] = /^- `(.*)` → "(.*)"$/.exec(line)!;
    const r = compileFilter(filter!, FIELDS);
    const got = r.ok ? "(valid)" : r.error.message;
    const want = message!.replace(": …", `: ${FIELDS.map((f) => f.key).join(", ")}`);
    deepStrictEqual(got, want, filter);
  }
});

Deno.test("README.md: the precedence examples mean what the text says", () => {
  const rows: Row[] = [
    { alias: "rtp", len: 10, marker: "no" },
    { alias: "x", len: 500, marker: "yes" },
    { alias: "x", len: 500, marker: "no" },
  ];
  const keep = (f: string) => {
    const r = compileFilter(f, FIELDS);
    if (!r.ok) throw new Error(r.error.message);
    return rows.map(r.test);
  };
  deepStrictEqual(keep("rtp OR len:>100 marker:yes"), keep("rtp OR (len:>100 AND marker:yes)"));
  deepStrictEqual(keep("rtp OR len:>100 marker:yes"), [true, true, false]);
  deepStrictEqual(keep("(rtp OR len:>100) marker:yes"), [false, true, false]);
});
