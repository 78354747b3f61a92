/**
 * Names of packet identifiers (PIDs): the ones ISO/IEC 13818-1 Table 2-3 assigns, and the ones DVB assigns in
 * ETSI EN 300 468 §5.1.3 (Table 1). Every 13-bit value has a name; nothing here throws (the original tool panicked on
 * PIDs 0x0005–0x000F).
 *
 * @module
 */
// This module is browser compatible.

/** PIDs with a fixed meaning. */
export const Pid = {
  /** Program Association Table (ISO/IEC 13818-1 Table 2-3). */
  Pat: 0x0000,
  /** Conditional Access Table. */
  Cat: 0x0001,
  /** Transport Stream Description Table. */
  Tsdt: 0x0002,
  /** IPMP Control Information Table (ISO/IEC 13818-11). */
  Ipmp: 0x0003,
  /** Adaptive streaming information (ISO/IEC 13818-1:2013 Amd. and later). */
  AdaptiveStreaming: 0x0004,
  /** DVB NIT/ST (EN 300 468 Table 1). */
  Nit: 0x0010,
  /** DVB SDT/BAT/ST. */
  Sdt: 0x0011,
  /** DVB EIT/ST/CIT. */
  Eit: 0x0012,
  /** DVB RST/ST. */
  Rst: 0x0013,
  /** DVB TDT/TOT/ST. */
  Tdt: 0x0014,
  /** Null packets (ISO/IEC 13818-1 Table 2-3). */
  Null: 0x1fff,
} as const;

const DVB_NAMES: readonly string[] = [
  "NIT",
  "SDT/BAT",
  "EIT",
  "RST",
  "TDT/TOT",
  "network synchronization",
  "RNT",
  "reserved (DVB)",
  "reserved (DVB)",
  "reserved (DVB)",
  "reserved (DVB)",
  "reserved (DVB)",
  "inband signalling",
  "measurement",
  "DIT",
  "SIT",
];

/**
 * A short name for any PID: the fixed tables, "reserved" for 0x0005–0x000F, the DVB range 0x0010–0x001F, ATSC's
 * PSIP base PID 0x1FFB, "null" for 0x1FFF, and "PID 0x0100" for the rest. Values outside 0–0x1FFF are named
 * "invalid PID".
 *
 * @param pid A PID.
 * @returns Its name.
 *
 * @example
 * ```ts
 * import { pidName } from "./pid.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual([0, 1, 7, 0x11, 0x100, 0x1fff].map(pidName), ["PAT", "CAT", "reserved", "SDT/BAT", "PID 0x0100", "null"]);
 * ```
 */
export function pidName(pid: number): string {
  if (!Number.isInteger(pid) || pid < 0 || pid > 0x1fff) return "invalid PID";
  switch (pid) {
    case Pid.Pat:
      return "PAT";
    case Pid.Cat:
      return "CAT";
    case Pid.Tsdt:
      return "TSDT";
    case Pid.Ipmp:
      return "IPMP";
    case Pid.AdaptiveStreaming:
      return "adaptive streaming";
    case 0x1ffb:
      return "ATSC PSIP";
    case Pid.Null:
      return "null";
  }
  if (pid <= 0x000f) return "reserved";
  if (pid <= 0x001f) return DVB_NAMES[pid - 0x10]!;
  return `PID 0x${pid.toString(16).padStart(4, "0")}`;
}
