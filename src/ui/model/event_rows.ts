/**
 * The rows of the Log events table: one per non-packet record (type 2) of an event-log source
 * (src/eventlog/frame.ts), with the event's name and fields as `decodeEventLogFrame` gives them.
 * @module
 */
// This module is browser compatible.

import { decodeEventLogFrame, LINKTYPE_NETPIX_EVENT_LOG, RecordType } from "../../eventlog/frame.ts";
import type { InfoValue } from "../../eventlog/events.ts";
import type { PacketRow } from "./rows.ts";

/** One logged non-packet event (BWE, probes, DTLS, ICE, stream configs, log start/end…). */
export interface EventRow {
  p: PacketRow;
  /** The kebab-case event name (the table at the top of src/eventlog/events.ts). */
  event: string;
  fields: Record<string, InfoValue>;
  /** `key=value` pairs in logged order, for the table's Fields column and free-text filtering. */
  summary: string;
}

function valueText(v: InfoValue): string {
  if (v === null) return "–";
  if (typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${k}: ${x}`).join(", ")}}`;
  return String(v);
}

/**
 * A compact one-line view of an event's fields.
 *
 * @example
 * ```ts
 * import { fieldsSummary } from "./event_rows.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(fieldsSummary({ bitrateBps: 300000, detectorState: "normal", x: null }),
 *   "bitrateBps=300000 detectorState=normal x=–");
 * ```
 */
export function fieldsSummary(fields: Record<string, InfoValue>): string {
  return Object.entries(fields).map(([k, v]) => `${k}=${valueText(v)}`).join(" ");
}

/** The row of an event record, or null for a packet record, an invalid one, or a frame of another link type. */
export function eventRow(p: PacketRow): EventRow | null {
  if (p.linkType !== LINKTYPE_NETPIX_EVENT_LOG || p.frame[0] !== RecordType.Event) return null;
  const f = decodeEventLogFrame(p.frame);
  if (f.kind !== "event") return null;
  return { p, event: f.event, fields: f.fields, summary: fieldsSummary(f.fields) };
}
