/**
 * The Log events table: the non-packet events of an event-log source (BWE, probes, DTLS, ICE, stream configs, log
 * start and end), one row per event record, with its fields in the detail pane.
 * @module
 */

import type { VNode } from "preact";
import { useMemo } from "preact/hooks";
import type { FieldSpec } from "../filter/mod.ts";
import { type Column, DataTable } from "../components/table.tsx";
import { Tree } from "../components/detail.tsx";
import type { EventRow } from "../model/event_rows.ts";
import { currentSource, model, modelVersion } from "../state.ts";
import { t4 } from "./packet_tables.tsx";

/** The names src/eventlog/events.ts documents; names seen in the log are added to them for completion. */
const DOCUMENTED_EVENTS = [
  "begin-log",
  "end-log",
  "audio-send-config",
  "video-send-config",
  "audio-recv-config",
  "video-recv-config",
  "ice-pair-config",
  "ice-pair-event",
  "dtls-state",
  "dtls-writable",
  "bwe-delay",
  "bwe-loss",
  "probe-cluster",
  "probe-success",
  "probe-failure",
  "alr-state",
  "route-change",
  "log-damaged",
  "log-unsupported",
  "log-truncated",
  "log-rotated",
  "log-incomplete",
];

/** The filter fields; `event` completes the documented names and any other name seen. */
export function eventFields(seen: Iterable<string> = []): FieldSpec<EventRow>[] {
  return [
    { key: "no", aliases: ["id"], type: "number", help: "Packet number of the event record", get: (r) => r.p.id },
    { key: "time", type: "number", help: "Seconds since the first packet", get: (r) => r.p.time },
    {
      key: "event",
      aliases: ["name"],
      type: "enum",
      values: [...new Set([...DOCUMENTED_EVENTS, ...seen])],
      help: "Event name, e.g. bwe-delay",
      freeText: true,
      get: (r) => r.event,
    },
    {
      key: "fields",
      type: "string",
      help: "The event's fields as key=value, e.g. fields:detectorState=overusing",
      freeText: true,
      get: (r) => r.summary,
    },
  ];
}

const EVENT_COLUMNS: Column<EventRow>[] = [
  { key: "no", title: "No.", width: 70, text: (r) => String(r.p.id) },
  { key: "time", title: "Time", width: 100, text: (r) => t4(r.p.time) },
  { key: "event", title: "Event", width: 160, text: (r) => r.event, cls: (r) => `event-${r.event}` },
  { key: "fields", title: "Fields", width: 760, text: (r) => r.summary },
];

export const NO_EVENTS = "No event-log events: this view lists the non-packet events of an rtc_event_log source (-l)";

export function LogEventsView(): VNode {
  const v = modelVersion.value;
  // New fields recompile the filter and refilter every row: rebuilt only when a new event name was seen.
  const names = [...model.eventNames].join(" ");
  const fields = useMemo(() => eventFields(model.eventNames), [names]);
  return (
    <DataTable
      id="log-events"
      columns={EVENT_COLUMNS}
      rows={model.events}
      version={v}
      fields={fields}
      follow={currentSource.value?.kind === "interface"}
      empty={NO_EVENTS}
      detail={(r) => (
        <div class="tree" data-testid="event-detail">
          <Tree label={`${r.event} (No. ${r.p.id}, ${t4(r.p.time)} s)`} value={r.fields} open />
        </div>
      )}
    />
  );
}
