/**
 * Why a frame did or did not decode down to its transport header, and counters of those reasons.
 *
 * @module
 */
// This module is browser compatible.

/**
 * Outcome of {@linkcode FrameDecoder.decode}. The numbers are stable (they cross the FFI boundary and go into
 * counters); add new reasons at the end.
 */
export const FrameStatus = {
  /** Link, IP and (for TCP/UDP) transport headers are all present and consistent. */
  Ok: 0,
  /** The captured bytes end inside a header (snap length, or a cut frame). */
  Truncated: 1,
  /** The pcap link type is not one this decoder knows. */
  UnsupportedLinkType: 2,
  /** The link layer carries something other than IPv4/IPv6 (ARP, LLDP, an unknown address family, …). */
  NotIp: 3,
  /** The IP version nibble is not what the link layer announced, or neither 4 nor 6 for raw IP. */
  BadIpVersion: 4,
  /** An IP header or IPv6 extension header contradicts itself (IHL < 5, lengths past the packet's end). */
  BadIpHeader: 5,
  /** A UDP or TCP header contradicts itself or the IP packet (length < 8, data offset < 5, …). */
  BadTransportHeader: 6,
  /** A fragment other than the first: it has no transport header, so ports are unknown. */
  NonFirstFragment: 7,
} as const;
/** One of the {@linkcode FrameStatus} values. */
export type FrameStatus = (typeof FrameStatus)[keyof typeof FrameStatus];

/**
 * Kebab-case name of each status, indexed by its number: `FRAME_STATUS_NAMES[FrameStatus.NotIp] === "not-ip"`.
 *
 * @example Name a status
 * ```ts
 * import { FRAME_STATUS_NAMES, FrameStatus } from "./status.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(FRAME_STATUS_NAMES[FrameStatus.NonFirstFragment], "non-first-fragment");
 * ```
 */
export const FRAME_STATUS_NAMES: readonly string[] = Object.freeze([
  "ok",
  "truncated",
  "unsupported-link-type",
  "not-ip",
  "bad-ip-version",
  "bad-ip-header",
  "bad-transport-header",
  "non-first-fragment",
]);

/**
 * Counts frames per {@linkcode FrameStatus}, without allocating per frame.
 *
 * @example Count two outcomes
 * ```ts
 * import { FrameStatus, FrameStatusCounters } from "./status.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const c = new FrameStatusCounters();
 * c.add(FrameStatus.Ok);
 * c.add(FrameStatus.NotIp);
 * c.add(FrameStatus.Ok);
 * deepStrictEqual(c.toJSON()["ok"], 2);
 * deepStrictEqual(c.total, 3);
 * ```
 */
export class FrameStatusCounters {
  /** Number of frames per status; the index is the status number. */
  readonly counts: Uint32Array = new Uint32Array(FRAME_STATUS_NAMES.length);

  /**
   * Counts one frame. A number that is not a status is ignored.
   * @param status What {@linkcode FrameDecoder.decode} returned.
   */
  add(status: FrameStatus): void {
    if (status >= 0 && status < this.counts.length) this.counts[status] = this.counts[status]! + 1;
  }

  /** Sum over every status. */
  get total(): number {
    let sum = 0;
    for (let i = 0; i < this.counts.length; i++) sum += this.counts[i]!;
    return sum;
  }

  /** Sets every count back to zero. */
  reset(): void {
    this.counts.fill(0);
  }

  /**
   * Every reason with its count, zeros included so that the shape never changes.
   * @returns An object keyed by {@linkcode FRAME_STATUS_NAMES}.
   */
  toJSON(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < FRAME_STATUS_NAMES.length; i++) out[FRAME_STATUS_NAMES[i]!] = this.counts[i]!;
    return out;
  }
}
