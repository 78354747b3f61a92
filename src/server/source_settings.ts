/**
 * Per-source analysis settings that users set from the UI ("decode as", "use this SDP"). They live on the server, so
 * every client of the source, including one that connects later, decodes the same way.
 * @module
 */

import { isFailure } from "../protocols/decode_result.ts";
import { parseSdp } from "../protocols/sdp/mod.ts";
import type { DecodeAsKind, SourceSettings } from "../wire/messages.ts";

/** Most decode-as rules per source. */
export const MAX_DECODE_AS_RULES = 256;
/** Most SDP rules per source. */
export const MAX_SDP_RULES = 64;
/** Longest SDP accepted, in characters. */
export const MAX_SDP_CHARS = 32 << 10;

/** The outcome of a change: the new settings, or why the change was refused. */
export type SettingsChange = { ok: true } | { ok: false; code: "bad-request" | "invalid-sdp"; message: string };

export class SourceSettingsStore {
  readonly #decodeAs = new Map<number, DecodeAsKind>();
  readonly #sdp = new Map<number | null, string>();

  /** Sets the rule of `port`, or removes it with `"auto"`. */
  decodeAs(port: number, as: DecodeAsKind | "auto"): SettingsChange {
    if (as === "auto") {
      this.#decodeAs.delete(port);
      return { ok: true };
    }
    if (!this.#decodeAs.has(port) && this.#decodeAs.size >= MAX_DECODE_AS_RULES) {
      return { ok: false, code: "bad-request", message: `at most ${MAX_DECODE_AS_RULES} decode-as rules per source` };
    }
    this.#decodeAs.set(port, as);
    return { ok: true };
  }

  /** Sets the SDP of a stream (or of the source with `ssrc` null), or removes it with an empty text. */
  setSdp(ssrc: number | null, sdp: string): SettingsChange {
    if (sdp.trim() === "") {
      this.#sdp.delete(ssrc);
      return { ok: true };
    }
    if (sdp.length > MAX_SDP_CHARS) {
      return { ok: false, code: "invalid-sdp", message: `the SDP is longer than ${MAX_SDP_CHARS} characters` };
    }
    const parsed = parseSdp(sdp);
    if (isFailure(parsed)) return { ok: false, code: "invalid-sdp", message: `invalid SDP: ${parsed.detail}` };
    if (parsed.media.length === 0) {
      return { ok: false, code: "invalid-sdp", message: "invalid SDP: it has no media section (m=)" };
    }
    if (!this.#sdp.has(ssrc) && this.#sdp.size >= MAX_SDP_RULES) {
      return { ok: false, code: "bad-request", message: `at most ${MAX_SDP_RULES} SDPs per source` };
    }
    this.#sdp.set(ssrc, sdp);
    return { ok: true };
  }

  /** A snapshot for the wire, rules in a stable order (ports ascending; the source-wide SDP first). */
  toJSON(): SourceSettings {
    return {
      decodeAs: [...this.#decodeAs].sort((a, b) => a[0] - b[0]).map(([port, as]) => ({ port, as })),
      sdp: [...this.#sdp].sort((a, b) => (a[0] ?? -1) - (b[0] ?? -1)).map(([ssrc, sdp]) => ({ ssrc, sdp })),
    };
  }
}
