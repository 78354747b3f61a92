/**
 * Mutation fuzzing: 100,000 SDP texts derived from the real fixtures by dropping, duplicating, swapping, inserting and
 * truncating lines, replacing characters, flipping bits of the UTF-8 bytes and swapping numbers for extreme ones.
 * parseSdp() must return a session or a failure for each, never throw, and what it returns must hold together. The
 * seed is fixed, so a run is deterministic; a failing case prints its iteration and text.
 */
import { fail, ok } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { parseSdp } from "./parse.ts";
import { clockRateFor, portsOf } from "./ports.ts";
import { seeded } from "../_fuzz.ts";

const ITERATIONS = 100_000;
const SEED = 0x5d9_2026;
const TESTDATA = new URL("../../../tests/testdata/", import.meta.url);
const FILES = [
  "demo.sdp",
  "sdp/chromium-offer.sdp",
  "sdp/chromium-simulcast-offer.sdp",
  "sdp/g722.sdp",
  "sdp/h264.sdp",
  "sdp/l16.sdp",
  "sdp/mpegts.sdp",
  "sdp/opus-ipv6.sdp",
  "sdp/opus.sdp",
  "sdp/pcma.sdp",
  "sdp/pcmu.sdp",
  "sdp/srtp.sdp",
  "sdp/vp8.sdp",
];
const BASES = FILES.map((f) => Deno.readTextFileSync(new URL(f, TESTDATA)).split("\r\n"));
const POOL = BASES.flat().filter((l) => l !== "");
// Characters that matter to the grammar, plus a few that should not: NUL, a lone surrogate, non-ASCII, U+FFFF.
const ALPHABET = [..." =:/;*\r\n\t0123456789amcvotbk-.", "\0", "\ud800", "€", "\uffff"];
const NUMBERS = ["", "0", "-1", "65536", "4294967296", "99999999999999999999", "1e3", "0x10", "NaN", "127", "128"];
const encoder = new TextEncoder();
const decoder = new TextDecoder(); // replaces invalid UTF-8 with U+FFFD, as reading a pasted file would

function mutate(base: string[], rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const at = (n: number) => Math.floor(rand() * n);
  let lines = base.slice();
  let text: string | undefined;
  const steps = 1 + at(4);
  for (let s = 0; s < steps; s++) {
    if (text !== undefined) lines = text.split("\r\n");
    text = undefined;
    const i = at(lines.length);
    switch (at(8)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, lines[i] ?? "");
        break;
      case 2: {
        const j = at(lines.length);
        [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
        break;
      }
      case 3: {
        const line = lines[i] ?? "";
        const k = at(line.length + 1);
        lines[i] = line.slice(0, k) + pick(ALPHABET) + line.slice(k + 1);
        break;
      }
      case 4:
        text = lines.join("\r\n");
        text = text.slice(0, at(text.length + 1));
        break;
      case 5:
        lines.splice(i, 0, pick(POOL));
        break;
      case 6: {
        const bytes = encoder.encode(lines.join("\r\n"));
        if (bytes.length > 0) bytes[at(bytes.length)]! ^= 1 << at(8);
        text = decoder.decode(bytes);
        break;
      }
      case 7: {
        const line = lines[i] ?? "";
        const numbers = [...line.matchAll(/\d+/g)];
        if (numbers.length === 0) break;
        const m = pick(numbers);
        lines[i] = line.slice(0, m.index) + pick(NUMBERS) + line.slice(m.index + m[0].length);
        break;
      }
    }
  }
  return text ?? lines.join(rand() < 0.8 ? "\r\n" : "\n");
}

/** Parses `text` and checks that the result holds together; returns a complaint, "failure" or "session". */
function check(text: string, rand: () => number): string {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  const r = parseSdp(text);
  if (isFailure(r)) {
    if (r.protocol !== "sdp" || !Number.isInteger(r.offset) || r.offset < 0 || r.offset > lineCount) {
      return `failure with offset ${r.offset} outside 0–${lineCount}`;
    }
    return r.detail === "" ? "failure without detail" : "failure";
  }
  for (const w of r.warnings) {
    if (!Number.isInteger(w.line) || w.line < 0 || w.line > lineCount) return `warning on line ${w.line}`;
  }
  for (const m of r.media) {
    if (!Number.isInteger(m.port) || m.port < 0 || m.port > 65535) return `media port ${m.port}`;
    for (const [pt, p] of m.payloadTypes) {
      if (pt !== p.pt || pt < 0 || pt > 127) return `payload type ${pt}`;
      if (!Number.isInteger(p.clockRate) || p.clockRate <= 0) return `clock rate ${p.clockRate} for PT ${pt}`;
    }
  }
  for (const p of portsOf(r)) if (p.port < 1 || p.port > 65535) return `portsOf() gave port ${p.port}`;
  const rate = clockRateFor(r, Math.floor(rand() * 128), rand() < 0.5 ? undefined : Math.floor(rand() * 65536));
  if (rate !== undefined && !(rate > 0)) return `clockRateFor() gave ${rate}`;
  return "session";
}

Deno.test(`parseSdp() returns a session or a failure for ${ITERATIONS} mutated SDPs and never throws`, () => {
  const rand = seeded(SEED);
  let failures = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const text = mutate(BASES[i % BASES.length]!, rand);
    let outcome: string;
    try {
      outcome = check(text, rand);
    } catch (e) {
      outcome = `threw ${e instanceof Error ? e.stack : String(e)}`;
    }
    if (outcome === "failure") failures++;
    else if (outcome !== "session") fail(`iteration ${i}: ${outcome}\n--- text ---\n${JSON.stringify(text)}`);
  }
  // Both outcomes must be common, or the mutations are too weak (or too strong) to test anything.
  ok(failures > ITERATIONS / 20 && failures < ITERATIONS * 0.95, `${failures} failures of ${ITERATIONS}`);
});
