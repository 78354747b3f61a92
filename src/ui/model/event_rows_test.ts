import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { eventRecord, LINKTYPE_NETPIX_EVENT_LOG } from "../../eventlog/frame.ts";
import { eventRow } from "./event_rows.ts";
import type { PacketRow } from "./rows.ts";

const row = (frame: Uint8Array, linkType = LINKTYPE_NETPIX_EVENT_LOG) => ({ id: 4, frame, linkType }) as PacketRow;

Deno.test("an event record becomes a row with its name, fields and a key=value summary", () => {
  const r = eventRow(row(eventRecord("bwe-loss", { bitrateBps: 500000, fractionLoss: 12, totalPackets: null })));
  deepStrictEqual(
    [r?.event, r?.fields, r?.summary],
    [
      "bwe-loss",
      { bitrateBps: 500000, fractionLoss: 12, totalPackets: null },
      "bitrateBps=500000 fractionLoss=12 totalPackets=–",
    ],
  );
  strictEqual(
    eventRow(row(eventRecord("video-send-config", { extmap: { "3": "urn:x" } })))?.summary,
    "extmap={3: urn:x}",
  );
});

Deno.test("packet records, invalid records and frames of other link types make no event row", () => {
  strictEqual(eventRow(row(new Uint8Array([0, 0x45]))), null);
  strictEqual(eventRow(row(new Uint8Array([2, 0x7b]))), null);
  strictEqual(eventRow(row(eventRecord("end-log", {}), 1)), null);
});
