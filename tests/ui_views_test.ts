/**
 * Every view of the page in headless Chromium on the demo capture shows the rows and values that tshark and
 * `netpix analyze --format json` give for the same file. A screenshot of each view goes to test-artifacts/.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import {
  analyze,
  assertNoPageErrors,
  column,
  DEMO_PCAP,
  gotoTab,
  openPage,
  rowCount,
  rows,
  screenshot,
  tshark,
  UI_TEST,
  withNetpixAndBrowser,
} from "./_ui.ts";

const RTP_PORTS = ["-d", "udp.port==5004,rtp", "-d", "udp.port==5006,rtp"];
const RTCP_PORTS = ["-d", "udp.port==5005,rtcp", "-d", "udp.port==5007,rtcp"];
const hex32 = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;

Deno.test({
  name: "each view shows the demo capture's rows and values as tshark and netpix analyze give them",
  ...UI_TEST,
  fn: async (t) => {
    const report = await analyze(DEMO_PCAP);
    await withNetpixAndBrowser(["-f", DEMO_PCAP, "-M", "0"], async (netpix, browser) => {
      const { page, errors } = await openPage(browser, netpix.url);

      await t.step("Packets: every frame, with addresses and lengths as tshark reads them", async () => {
        const frames = await tshark(DEMO_PCAP, [
          "-T",
          "fields",
          "-E",
          "separator=,",
          "-e",
          "frame.len",
          "-e",
          "ip.src",
          "-e",
          "udp.srcport",
          "-e",
          "ip.dst",
          "-e",
          "udp.dstport",
        ]);
        await gotoTab(page, "packets");
        strictEqual(await rowCount(page), frames.length);
        const first = (await rows(page, "packets"))[0]!;
        const [len, src, sport, dst, dport] = frames[0]!.split(",");
        deepStrictEqual([first.no, first.src, first.dst, first.len, first.transport], [
          "1",
          `${src}:${sport}`,
          `${dst}:${dport}`,
          len,
          "UDP",
        ]);
        strictEqual(first.type, "mpegts");
        // The detail pane: the decoded tree and a hex dump of the frame.
        await page.locator("[data-table='packets'] .tr").first().click();
        const hex = await page.locator("[data-testid=hex]").innerText();
        const bytes = (await tshark(DEMO_PCAP, ["-c", "1", "-x"]))[0]!.slice(6, 53).trim();
        ok(hex.startsWith(`000000  ${bytes}`), `hex dump starts with the frame's bytes: ${hex.slice(0, 80)}`);
        ok((await page.locator("[data-testid=packet-detail]").innerText()).includes("MPEG-TS"));
        await screenshot(page, "packets");
      });

      await t.step("RTP packets: tshark's RTP packets, first one field by field", async () => {
        const rtp = await tshark(DEMO_PCAP, [
          ...RTP_PORTS,
          "-Y",
          "rtp",
          "-T",
          "fields",
          "-E",
          "separator=,",
          "-e",
          "frame.number",
          "-e",
          "rtp.ssrc",
          "-e",
          "rtp.seq",
          "-e",
          "rtp.timestamp",
          "-e",
          "rtp.p_type",
        ]);
        await gotoTab(page, "rtp-packets");
        strictEqual(await rowCount(page), rtp.length);
        const [no, ssrc, seq, ts, pt] = rtp[0]!.split(",");
        const first = (await rows(page, "rtp-packets"))[0]!;
        deepStrictEqual([first.no, first.ssrc, first.seq, first.timestamp, first.pt], [
          no,
          hex32(Number(ssrc)),
          seq,
          ts,
          pt,
        ]);
        await screenshot(page, "rtp-packets");
      });

      await t.step("RTCP packets: one row per packet of each compound, types as tshark reads them", async () => {
        const pts = (await tshark(DEMO_PCAP, [...RTCP_PORTS, "-Y", "rtcp", "-T", "fields", "-e", "rtcp.pt"]))
          .flatMap((l) => l.split(","));
        await gotoTab(page, "rtcp-packets");
        strictEqual(await rowCount(page), pts.length);
        const names: Record<string, string> = { "200": "Sender Report", "202": "Source Description" };
        deepStrictEqual(await column(page, "rtcp-packets", "type"), pts.map((p) => names[p]));
        ok((await column(page, "rtcp-packets", "details"))[1]!.includes("CNAME=netpix-demo@127.0.0.1"));
        await screenshot(page, "rtcp-packets");
      });

      await t.step("RTP streams: the analysis' streams with SSRC, packets, loss and CNAME", async () => {
        await gotoTab(page, "rtp-streams");
        const got = await rows(page, "rtp-streams");
        strictEqual(got.length, report.rtp_streams.length);
        for (const s of report.rtp_streams) {
          const r = got.find((x) => x.ssrc === s.ssrc_hex);
          ok(r, `stream ${s.ssrc_hex} shown`);
          deepStrictEqual([r.src, r.dst, r.packets, r.loss, r.cname], [
            s.src,
            s.dst,
            String(s.packets),
            s.loss_pct.toFixed(3),
            s.cname ?? "N/A",
          ]);
          // Without an SDP the dynamic payload types have no clock rate, so jitter is unknown, as in the report.
          strictEqual(r.jitter, s.mean_jitter_ms === null ? "N/A" : s.mean_jitter_ms.toFixed(3));
        }
        await screenshot(page, "rtp-streams");
      });

      await t.step("RTP plot: one lane per stream", async () => {
        await gotoTab(page, "rtp-plot");
        await page.waitForSelector("[data-plot=rtp] canvas");
        const text = await page.locator("[data-plot=rtp]").innerText();
        for (const s of report.rtp_streams) ok(text.includes(s.ssrc_hex), `lane of ${s.ssrc_hex}: ${text}`);
        await screenshot(page, "rtp-plot");
      });

      await t.step("RTCP streams: SR counts and SR bitrate per SSRC as the analysis reports", async () => {
        await gotoTab(page, "rtcp-streams");
        const got = await rows(page, "rtcp-streams");
        strictEqual(got.length, report.rtcp.length);
        for (const s of report.rtcp) {
          const r = got.find((x) => x.ssrc === s.ssrc_hex)!;
          deepStrictEqual([r.sr, r.cname, r.bitrate], [
            String(s.sr_count),
            s.cname ?? "N/A",
            s.sender_bitrate_kbps === null ? "N/A" : s.sender_bitrate_kbps.toFixed(1),
          ]);
        }
        await page.waitForSelector("[data-plot=rtcp] canvas");
        await screenshot(page, "rtcp-streams");
      });

      await t.step("MPEG-TS packets: tshark's MPEG-TS datagrams, PIDs labelled", async () => {
        const pids = await tshark(DEMO_PCAP, ["-Y", "mp2t", "-T", "fields", "-e", "mp2t.pid"]);
        await gotoTab(page, "mpegts-packets");
        strictEqual(await rowCount(page), pids.length);
        const first = (await rows(page, "mpegts-packets"))[0]!;
        const firstPids = pids[0]!.split(",").map(Number);
        for (let i = 0; i < firstPids.length; i++) {
          const cell = first[`p${i + 1}`]!;
          const pid = firstPids[i]!;
          ok(pid === 0x1fff ? cell === "null" : cell.includes(`0x${pid.toString(16)}`) || cell === "PAT", cell);
        }
        await screenshot(page, "mpegts-packets");
      });

      await t.step("MPEG-TS streams: packets per PID as tshark counts them", async () => {
        const counts = new Map<number, number>();
        for (const l of await tshark(DEMO_PCAP, ["-Y", "mp2t", "-T", "fields", "-e", "mp2t.pid"])) {
          for (const p of l.split(",")) counts.set(Number(p), (counts.get(Number(p)) ?? 0) + 1);
        }
        await gotoTab(page, "mpegts-streams");
        const got = await rows(page, "mpegts-streams");
        strictEqual(got.length, counts.size);
        for (const [pid, n] of counts) {
          const r = got.find((x) => x.pid === `0x${pid.toString(16).padStart(4, "0")}`);
          strictEqual(r?.packets, String(n), `PID ${pid}`);
        }
        await page.waitForSelector("[data-plot=mpegts] canvas");
        await screenshot(page, "mpegts-streams");
      });

      await t.step("MPEG-TS info: the PAT and the PMT with the program's elementary streams", async () => {
        await gotoTab(page, "mpegts-info");
        const got = await rows(page, "mpegts-info");
        const program = report.mpegts[0]!.programs[0]!;
        const pat = got.find((r) => r.type === "PAT")!;
        ok(
          String(pat.info).includes(`program ${program.program_number} → PMT 0x${program.pmt_pid.toString(16)}`),
          pat.info,
        );
        const pmt = got.find((r) => r.type === "PMT")!;
        strictEqual(pmt.pid, `0x${program.pmt_pid.toString(16)}`);
        for (const es of program.streams) ok(String(pmt.info).includes(`0x${es.toString(16)} `), pmt.info);
        ok(String(pmt.info).includes(`PCR 0x${program.pcr_pid!.toString(16)}`), pmt.info);
        const tr = await page.locator("[data-testid=tr101290]").innerText();
        ok(tr.includes("continuity_count_error"), tr);
        await screenshot(page, "mpegts-info");
      });

      await t.step("STUN packets: tshark's STUN messages with their transaction IDs", async () => {
        const stun = await tshark(DEMO_PCAP, ["-Y", "stun && !stun.channel", "-T", "fields", "-e", "stun.id"]);
        await gotoTab(page, "stun-packets");
        strictEqual(await rowCount(page), stun.length);
        strictEqual((await column(page, "stun-packets", "transaction"))[0], stun[0]);
        await screenshot(page, "stun-packets");
      });

      await t.step("ICE candidates: the analysis' pairs with their states", async () => {
        await gotoTab(page, "ice");
        const got = await rows(page, "ice");
        deepStrictEqual(
          got.map((r) => [r.local, r.remote, r.state]).sort(),
          report.ice_pairs.map((p) => [p.local, p.remote, p.state]).sort(),
        );
        await page.waitForSelector("[data-plot=ice] svg");
        await screenshot(page, "ice");
      });

      await t.step("the status bar counts the packets the server captured, and the tab persists", async () => {
        const status = await page.locator("#status").innerText();
        ok(status.includes(`Packets: ${report.packets.total}`), status);
        ok(status.includes(`Captured: ${report.packets.total}`), status);
        await page.reload();
        await page.waitForSelector("main[data-view='ice']");
      });
      assertNoPageErrors(errors);
    });
  },
});
