/**
 * An event-log source in the page: its synthetic addresses read "Local" and "Remote" in the RTCP table, its streams
 * and RTCP counts are those `netpix analyze` reports for the same log, the Log events tab lists exactly its non-packet
 * events, and the ICE view shows the candidate pairs it logged. The expected events are decoded from the same file in
 * the test with netpix's own reader (src/eventlog/reader.ts) and `decodeEventLogFrame`.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { RecordCursor } from "../ffi/records.ts";
import { EventLogReader } from "../src/eventlog/reader.ts";
import { decodeEventLogFrame } from "../src/eventlog/frame.ts";
import type { InfoValue } from "../src/eventlog/events.ts";
import { fieldsSummary } from "../src/ui/model/event_rows.ts";
import {
  analyze,
  assertNoPageErrors,
  DEMO_PCAP,
  downloadFrom,
  gotoTab,
  openPage,
  parseCsv,
  ROOT_PATH,
  rowCount,
  rows,
  screenshot,
  setFilter,
  UI_TEST,
  withNetpixAndBrowser,
} from "./_ui.ts";

const LOG = `${ROOT_PATH}tests/testdata/eventlog/call.rtclog`;

interface LoggedEvent {
  /** Position among all records of the log (packets and events), from 0. */
  index: number;
  /** Seconds since the log's first record, as the tables show time. */
  time: number;
  event: string;
  fields: Record<string, InfoValue>;
}

/** Every non-packet record (type 2) of `path`, read with netpix's own event-log reader. */
async function decodeEvents(path: string): Promise<LoggedEvent[]> {
  const reader = EventLogReader.open(path, { follow: false });
  const buf = new Uint8Array(1 << 20);
  const cursor = new RecordCursor();
  const out: LoggedEvent[] = [];
  let index = 0;
  let t0: [number, number] | null = null;
  try {
    while (true) {
      const r = await reader.read(buf, 0);
      if (r.kind !== "packets") break;
      cursor.reset(buf, r.bytes, r.count);
      while (cursor.next()) {
        t0 ??= [cursor.tsSec, cursor.tsNsec];
        const f = decodeEventLogFrame(buf.subarray(cursor.dataOffset, cursor.dataOffset + cursor.caplen));
        if (f.kind === "event") {
          const time = cursor.tsSec - t0[0] + (cursor.tsNsec - t0[1]) / 1e9;
          out.push({ index, time, event: f.event, fields: f.fields });
        }
        index++;
      }
    }
  } finally {
    await reader.close();
  }
  return out;
}

/** The logged ICE pairs as the events say: checks and responses per pair id, and whether one was selected. */
function expectedPairs(
  events: LoggedEvent[],
): Map<number, { sent: number; received: number; respSent: number; respReceived: number; selected: boolean }> {
  const pairs = new Map<
    number,
    { sent: number; received: number; respSent: number; respReceived: number; selected: boolean }
  >();
  for (const e of events) {
    if (e.event !== "ice-pair-config" && e.event !== "ice-pair-event") continue;
    const id = e.fields.pairId as number;
    const p = pairs.get(id) ?? { sent: 0, received: 0, respSent: 0, respReceived: 0, selected: false };
    pairs.set(id, p);
    const type = e.fields.type;
    if (type === "selected") p.selected = true;
    if (type === "check-sent") p.sent++;
    if (type === "check-received") p.received++;
    if (type === "check-response-sent") p.respSent++;
    if (type === "check-response-received") p.respReceived++;
  }
  return pairs;
}

/** The local candidate label of a logged pair (model/logged_ice.ts): its last logged local type and its id. */
function localLabel(events: LoggedEvent[], id: number): string {
  const config = events.findLast((e) => e.event === "ice-pair-config" && e.fields.pairId === id);
  const type = String(config?.fields.localType ?? "unknown");
  const relay = config?.fields.localRelayProtocol;
  return `${type === "relay" && relay !== "unknown" ? `relay/${relay}` : type} (pair ${id})`;
}

const csvOf = async (page: Parameters<typeof rowCount>[0], table: string) =>
  parseCsv(
    new TextDecoder().decode((await downloadFrom(page, `[data-table='${table}'] button:has-text('CSV')`)).bytes),
  );

Deno.test({
  name: "an event log's RTCP packets read Local and Remote, with the streams netpix analyze reports",
  ...UI_TEST,
  fn: async () => {
    const report = await analyze(LOG);
    await withNetpixAndBrowser(["-l", LOG, "-M", "0"], async (netpix, browser) => {
      const { page, errors } = await openPage(browser, netpix.url);
      ok((await page.locator("#source").innerText()).includes("event-log"));
      await gotoTab(page, "packets");
      await setFilter(page, "packets", "type:rtcp");
      strictEqual(await rowCount(page), report.packets.by_protocol.rtcp);
      await gotoTab(page, "rtcp-packets");
      const shown = await rows(page, "rtcp-packets");
      ok(shown.length > 0);
      for (const r of shown) {
        ok((r.src === "Local" && r.dst === "Remote") || (r.src === "Remote" && r.dst === "Local"), JSON.stringify(r));
      }
      await gotoTab(page, "rtp-streams");
      deepStrictEqual(
        (await rows(page, "rtp-streams")).map((r) => [r.ssrc, r.packets]).sort(),
        report.rtp_streams.map((s) => [s.ssrc_hex, String(s.packets)]).sort(),
      );
      await gotoTab(page, "rtcp-packets");
      await screenshot(page, "eventlog-rtcp-packets");
      assertNoPageErrors(errors);
    });
  },
});

Deno.test({
  name: "the Log events tab lists exactly the log's non-packet events and the ICE view shows its logged pairs",
  ...UI_TEST,
  fn: async (t) => {
    const events = await decodeEvents(LOG);
    const report = await analyze(LOG);
    ok(events.length > 0);
    const countOf = (name: string) => events.filter((e) => e.event === name).length;
    await withNetpixAndBrowser(["-l", LOG, "-M", "0"], async (netpix, browser) => {
      const { page, errors } = await openPage(browser, netpix.url);
      await gotoTab(page, "packets");
      await setFilter(page, "packets", "");
      const firstId = Number((await csvOf(page, "packets"))[1]![0]);

      await t.step("one row per event record: number, time, name and fields, in log order", async () => {
        await gotoTab(page, "log-events");
        await setFilter(page, "log-events", "");
        strictEqual(await rowCount(page, "log-events"), events.length);
        const csv = await csvOf(page, "log-events");
        deepStrictEqual(csv[0], ["No.", "Time", "Event", "Fields"]);
        deepStrictEqual(
          csv.slice(1),
          events.map((e) => [String(firstId + e.index), e.time.toFixed(6), e.event, fieldsSummary(e.fields)]),
        );
      });

      await t.step("event:NAME keeps that event's records; a bare word searches the fields", async () => {
        const names = [...new Set(events.map((e) => e.event))];
        ok(names.includes("dtls-writable") && names.includes("bwe-delay") && names.includes("ice-pair-event"));
        for (const name of ["dtls-writable", "bwe-delay", "ice-pair-event"]) {
          await setFilter(page, "log-events", `event:${name}`);
          strictEqual(await rowCount(page, "log-events"), countOf(name), name);
        }
        const overusing = events.filter((e) => fieldsSummary(e.fields).toLowerCase().includes("overusing")).length;
        ok(overusing > 0);
        await setFilter(page, "log-events", "overusing");
        strictEqual(await rowCount(page, "log-events"), overusing);
      });

      await t.step("selecting a row shows every field of the event in the detail pane", async () => {
        const probe = events.find((e) => e.event === "probe-cluster")!;
        await setFilter(page, "log-events", "event:probe-cluster");
        await page.locator("[data-table='log-events'] .tr").first().click();
        const detail = await page.locator("[data-testid=event-detail]").innerText();
        ok(detail.includes(`No. ${firstId + probe.index}`), detail);
        for (const [k, v] of Object.entries(probe.fields)) {
          ok(detail.includes(k) && detail.includes(String(v)), `${k}=${v} in ${detail}`);
        }
        await setFilter(page, "log-events", "");
        await page.locator("[data-table='log-events'] .tr").first().click();
        await screenshot(page, "eventlog-log-events");
      });

      await t.step("the ICE view shows the logged pairs with their checks, responses and selection", async () => {
        const expected = expectedPairs(events);
        ok(expected.size > 0);
        await gotoTab(page, "ice");
        const shown = (await rows(page, "ice")).filter((r) => r.from === "event log");
        deepStrictEqual(
          shown.map((r) => [
            r.local,
            r.requests,
            r.checks_received,
            r.responses_sent,
            r.successes,
            r.selected,
            r.state,
            r.nominations,
          ]).sort(),
          [...expected].map(([id, p]) => [
            localLabel(events, id),
            String(p.sent),
            String(p.received),
            String(p.respSent),
            String(p.respReceived),
            p.selected ? "yes" : "no",
            p.selected ? "nominated" : p.respReceived > 0 ? "succeeded" : "in-progress",
            String(events.filter((e) => e.fields.pairId === id && e.fields.type === "selected").length),
          ]).sort(),
        );
        strictEqual((await rows(page, "ice")).filter((r) => r.from === "STUN").length, report.ice_pairs.length);
        const curves = page.locator("[data-plot=ice] path.np-ice-pair");
        strictEqual(await curves.count(), expected.size + report.ice_pairs.length);
        for (const [id, p] of expected) {
          const node = page.locator(`[data-plot=ice] g[data-side=local][data-address='${localLabel(events, id)}']`);
          strictEqual(await node.count(), 1);
          if (p.selected) {
            strictEqual(await page.locator("[data-plot=ice] path[data-state=nominated]").count() > 0, true);
          }
        }
        await setFilter(page, "ice", 'from:"event log"');
        strictEqual(await rowCount(page, "ice"), expected.size);
        await setFilter(page, "ice", "");
        await screenshot(page, "eventlog-ice");
      });
      assertNoPageErrors(errors);
    });
  },
});

Deno.test({
  name: "a pcap source's Log events tab says it lists only event-log events",
  ...UI_TEST,
  fn: async () => {
    await withNetpixAndBrowser(["-f", DEMO_PCAP, "-M", "0"], async (netpix, browser) => {
      const { page, errors } = await openPage(browser, netpix.url);
      await gotoTab(page, "log-events");
      strictEqual(await rowCount(page, "log-events"), 0);
      strictEqual(
        await page.locator("[data-table='log-events'] .empty").innerText(),
        "No event-log events: this view lists the non-packet events of an rtc_event_log source (-l)",
      );
      assertNoPageErrors(errors);
    });
  },
});
