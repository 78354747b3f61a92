/**
 * NTP timestamps as RTCP carries them (RFC 3550 §4): 32 bits of seconds since 1900-01-01 00:00 UTC and 32 bits of
 * fraction. The SR and the XR Receiver Reference Time block hold the full 64 bits; LSR, DLSR and DLRR hold the middle
 * 32 bits (16.16 fixed point).
 *
 * @module
 */
// This module is browser compatible.

/** Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01). */
export const NTP_UNIX_OFFSET_SECONDS = 2_208_988_800;

const TWO_32 = 4_294_967_296;

/**
 * An NTP timestamp as one floating-point number of seconds since 1900 (`seconds + fraction / 2³²`). A double keeps
 * about 0.5 µs of precision at today's values, finer than any RTCP use.
 *
 * @param seconds The most significant word.
 * @param fraction The least significant word.
 * @returns Seconds since the NTP epoch of the timestamp's era.
 * @example Half a second
 * ```ts
 * import { ntpToSeconds } from "./ntp.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(ntpToSeconds(10, 0x8000_0000), 10.5);
 * ```
 */
export function ntpToSeconds(seconds: number, fraction: number): number {
  return seconds + fraction / TWO_32;
}

/**
 * Converts an NTP timestamp to Unix time in seconds (with fraction).
 *
 * NTP seconds wrap in 2036 (era 1). Following RFC 4330 §3, a most significant word whose top bit is clear is read as
 * era 1, so this covers 1968–2104. RTCP senders without a wallclock may send elapsed time instead (RFC 3550 §6.4.1),
 * or zero; the result is meaningless for those, which the caller has to know from context.
 *
 * @param seconds The most significant word.
 * @param fraction The least significant word.
 * @returns Seconds since 1970-01-01 00:00 UTC.
 * @example The timestamp in ffmpeg's first sender report of tests/testdata/demo.pcap (frame 8)
 * ```ts
 * import { ntpToUnixSeconds } from "./ntp.ts";
 * import { strictEqual } from "node:assert/strict";
 * const unix = ntpToUnixSeconds(4004742617, 2641404887);
 * strictEqual(new Date(unix * 1000).toISOString(), "2026-11-27T04:30:17.615Z");
 * ```
 */
export function ntpToUnixSeconds(seconds: number, fraction = 0): number {
  const era = (seconds & 0x8000_0000) === 0 ? TWO_32 : 0;
  return seconds + era - NTP_UNIX_OFFSET_SECONDS + fraction / TWO_32;
}

/**
 * The middle 32 bits of an NTP timestamp, the form receivers echo in LSR (RFC 3550 §6.4.1) and XR LRR (RFC 3611 §4.5),
 * so a report block can be matched with the SR it answers.
 *
 * @param seconds The most significant word.
 * @param fraction The least significant word.
 * @returns `(seconds & 0xffff) << 16 | fraction >>> 16`, unsigned.
 * @example
 * ```ts
 * import { ntpMiddle32 } from "./ntp.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(ntpMiddle32(0xeeb385d9, 0x9d70a3d7), 0x85d99d70);
 * ```
 */
export function ntpMiddle32(seconds: number, fraction: number): number {
  return (((seconds & 0xffff) << 16) | (fraction >>> 16)) >>> 0;
}

/**
 * A 16.16 fixed-point delay (DLSR, DLRR) in seconds.
 *
 * @param value The 32-bit field.
 * @returns `value / 65536`.
 * @example Half a second
 * ```ts
 * import { shortNtpToSeconds } from "./ntp.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(shortNtpToSeconds(0x8000), 0.5);
 * ```
 */
export function shortNtpToSeconds(value: number): number {
  return value / 65536;
}
