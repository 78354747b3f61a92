/**
 * Exports from the page parse: a table's CSV has one line per row the filter keeps, the stream statistics JSON is
 * `netpix analyze --format json`'s report, and a pcap built in the browser is read back by tshark with the same
 * packets and timestamps as the original capture.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import {
  analyze,
  assertNoPageErrors,
  DEMO_PCAP,
  downloadFrom,
  gotoTab,
  openPage,
  parseCsv,
  rowCount,
  setFilter,
  tshark,
  UI_TEST,
  withNetpixAndBrowser,
} from "./_ui.ts";

/** tshark's fields for comparing captures frame by frame: each frame's timestamp and length. */
const TIME_LEN = ["-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len"];

Deno.test({
  name: "CSV, JSON and pcap exported from the page parse and match the capture",
  ...UI_TEST,
  fn: async (t) => {
    const report = await analyze(DEMO_PCAP);
    const dir = await Deno.makeTempDir();
    try {
      await withNetpixAndBrowser(["-f", DEMO_PCAP, "-M", "0"], async (netpix, browser) => {
        const { page, errors } = await openPage(browser, netpix.url);

        await t.step("CSV of the packets table: a header and one record per row the filter keeps", async () => {
          await gotoTab(page, "packets");
          const all = parseCsv(
            new TextDecoder().decode((await downloadFrom(page, "[data-table='packets'] button:has-text('CSV')")).bytes),
          );
          strictEqual(all.length, 1 + report.packets.total);
          deepStrictEqual(all[0], [
            "No.",
            "Time",
            "Source",
            "Destination",
            "Transport",
            "Length",
            "Treated as",
            "Info",
          ]);
          await setFilter(page, "packets", "type:rtcp");
          const rtcp = parseCsv(
            new TextDecoder().decode((await downloadFrom(page, "[data-table='packets'] button:has-text('CSV')")).bytes),
          );
          strictEqual(rtcp.length, 1 + report.packets.by_protocol.rtcp!);
          ok(rtcp.slice(1).every((r) => r[6] === "rtcp"));
          await setFilter(page, "packets", "");
        });

        await t.step("JSON of the stream statistics: the netpix analyze report", async () => {
          await gotoTab(page, "rtp-streams");
          const { name, bytes } = await downloadFrom(page, "[data-table='rtp-streams'] button:has-text('JSON')");
          strictEqual(name, "netpix-report.json");
          const json = JSON.parse(new TextDecoder().decode(bytes));
          strictEqual(json.version, 1);
          deepStrictEqual(json.packets, report.packets);
          deepStrictEqual(json.rtp_streams, report.rtp_streams);
          deepStrictEqual(json.rtcp, report.rtcp);
          deepStrictEqual(json.mpegts, report.mpegts);
          deepStrictEqual(json.ice_pairs, report.ice_pairs);
        });

        await t.step(
          "pcap of a filtered RTP stream: tshark reads exactly its packets, nanosecond timestamps",
          async () => {
            await gotoTab(page, "rtp-packets");
            await setFilter(page, "rtp-packets", "ssrc:0x11223344");
            const n = await rowCount(page);
            const { bytes } = await downloadFrom(page, "[data-table='rtp-packets'] button:has-text('pcap')");
            strictEqual(new DataView(bytes.buffer).getUint32(0, true), 0xa1b23c4d);
            const file = `${dir}/stream.pcap`;
            await Deno.writeFile(file, bytes);
            const ssrcs = await tshark(file, ["-d", "udp.port==5004,rtp", "-T", "fields", "-e", "rtp.ssrc"]);
            strictEqual(ssrcs.length, n);
            ok(ssrcs.every((s) => s === "0x11223344"), "only the filtered stream");
            const want = await tshark(DEMO_PCAP, [
              "-d",
              "udp.port==5004,rtp",
              "-Y",
              "rtp.ssrc==0x11223344",
              ...TIME_LEN,
            ]);
            const got = await tshark(file, TIME_LEN);
            deepStrictEqual(got, want);
          },
        );

        await t.step("pcap of every packet: the capture again, frame for frame", async () => {
          await gotoTab(page, "packets");
          const { bytes } = await downloadFrom(page, "[data-table='packets'] button:has-text('pcap')");
          const file = `${dir}/all.pcap`;
          await Deno.writeFile(file, bytes);
          const fields = [...TIME_LEN, "-e", "udp.srcport", "-e", "udp.dstport"];
          deepStrictEqual(await tshark(file, fields), await tshark(DEMO_PCAP, fields));
        });
        assertNoPageErrors(errors);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
