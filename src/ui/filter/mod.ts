/**
 * The filter language shared by every table of the UI: `field:value`, comparisons, AND / OR / NOT with parentheses,
 * quoted values and free-text words (the user guide is README.md next to this file). Pure TypeScript: it runs in the
 * browser and under `deno test`.
 *
 * A table declares its fields once ({@linkcode FieldSpec}); {@linkcode compileFilter} turns the user's text into a row
 * predicate or a positioned {@linkcode FilterError}; {@linkcode fieldHelp} and {@linkcode complete} feed the help
 * panel and the autocompletion list from the same declaration. Nothing here throws on user input.
 *
 * @example Declare fields, filter rows, show an error
 * ```ts
 * import { compileFilter, complete, type FieldSpec, fieldHelp } from "./mod.ts";
 * import { deepStrictEqual, strictEqual } from "node:assert/strict";
 *
 * interface RtpRow { src: string; dst: string; ssrc: number; pt: number; seq: number; marker: boolean }
 * const fields: FieldSpec<RtpRow>[] = [
 *   { key: "src", aliases: ["source"], type: "address", help: "Source address and port", get: (r) => r.src },
 *   { key: "dst", aliases: ["dest"], type: "address", help: "Destination address and port", get: (r) => r.dst },
 *   { key: "ssrc", type: "number", help: "SSRC (decimal or 0x hex)", get: (r) => r.ssrc },
 *   { key: "pt", type: "number", help: "Payload type", get: (r) => r.pt },
 *   { key: "seq", type: "number", help: "Sequence number", get: (r) => r.seq },
 *   { key: "marker", type: "enum", values: ["yes", "no"], help: "Marker bit", get: (r) => (r.marker ? "yes" : "no") },
 * ];
 * const rows: RtpRow[] = [
 *   { src: "10.0.0.1:5004", dst: "10.0.0.2:6000", ssrc: 0x5e2c0f11, pt: 111, seq: 6699, marker: true },
 *   { src: "[2001:db8::1]:5004", dst: "10.0.0.2:6000", ssrc: 0x1234, pt: 96, seq: 7, marker: false },
 * ];
 *
 * const f = compileFilter("ssrc:0x5e2c0f11 OR (src:2001:db8::/32 AND NOT marker:yes)", fields);
 * if (!f.ok) throw new Error(f.error.message);
 * strictEqual(rows.filter(f.test).length, 2);
 *
 * const bad = compileFilter("pt:>", fields);
 * deepStrictEqual(bad.ok ? null : bad.error, {
 *   code: "missing-value", message: "Expected a value after 'pt:>'", at: 4, end: 4,
 * });
 *
 * strictEqual(fieldHelp(fields).length, 6);
 * deepStrictEqual(complete("marker:", 7, fields).items.map((i) => i.insert), ["yes", "no"]);
 * ```
 * @module
 */
// This module is browser compatible.

export { type CompiledFilter, compileFilter, type RowTest } from "./compile.ts";
export { complete, type Completion, type CompletionItem } from "./complete.ts";
export { FILTER_LIMITS, type FilterError, type FilterErrorCode, type FilterResult } from "./error.ts";
export {
  type AddressField,
  type EnumField,
  type FieldHelp,
  fieldHelp,
  type FieldSpec,
  type FieldType,
  type NumberField,
  type StringField,
} from "./fields.ts";
export type { CompareOp } from "./lexer.ts";
export { type FilterNode, parseFilter, showFilter } from "./parser.ts";
