/**
 * A WebRTC event log grown while netpix follows it: `netpix run -l FILE` serves the log as a source of link type 147,
 * a real WebSocket client sees the logged packets arrive as the file grows (a partial write included), and damage
 * appended later ends the source with an error naming the offset while netpix keeps serving.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { startNetpix } from "./_netpix.ts";
import { batchRecords, NetpixClient } from "./_ws_client.ts";
import { chunk, concat, rtcpBatchBytes, rtp, rtpBatchBytes } from "../src/eventlog/_encode.ts";
import { decodeEventLogFrame } from "../src/eventlog/frame.ts";
import { formatAddress, FrameDecoder, FrameStatus } from "../src/protocols/frame.ts";

const UTC = 1_767_225_600_000;

function packets(from: number, n: number) {
  return Array.from(
    { length: n },
    (_, i) => rtp({ timeMs: 1000 + (from + i) * 20, ssrc: 0x5eed, sequenceNumber: from + i, incoming: i % 2 === 0 }),
  );
}

async function append(path: string, bytes: Uint8Array): Promise<void> {
  const f = await Deno.open(path, { append: true });
  await f.write(bytes);
  f.close();
}

Deno.test("netpix run -l follows a growing event log and streams its packets to a WebSocket client", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/live.rtclog`;
  await Deno.writeFile(
    path,
    concat(
      chunk({ beginLogEvents: [{ timestampMs: 1000n, version: 2, utcTimeMs: BigInt(UTC) }] }),
      rtpBatchBytes(packets(0, 10).filter((p) => p.incoming)),
    ),
  );
  const netpix = await startNetpix(["-l", path]);
  const client = new NetpixClient(netpix.url);
  try {
    const hello = await client.hello();
    deepStrictEqual(
      hello.sources.map((s) => [s.kind, s.name, s.linkType, s.linkTypeName]),
      [["event-log", path, 147, "netpix event log"]],
    );
    client.send(JSON.stringify({ type: "select", source: 0 }));
    await client.until(() => client.packetCount >= 6, "the begin event and 5 packets");
    // A batch written in two pieces: nothing of it may be lost or arrive early.
    const more = concat(
      rtpBatchBytes(packets(10, 8).filter((p) => !p.incoming)),
      rtcpBatchBytes([{
        kind: "rtcp",
        incoming: true,
        timeMs: 1400,
        bytes: new Uint8Array([0x80, 201, 0, 1, 0, 0, 0, 7]),
      }]),
    );
    await append(path, more.subarray(0, 9));
    await new Promise((r) => setTimeout(r, 700));
    strictEqual(client.packetCount, 6, "a partial write yields nothing yet");
    await append(path, more.subarray(9));
    await client.until(() => client.packetCount >= 11, "the rest of the batch and the RTCP packet");
    const records = client.batches.flatMap((b) => [...batchRecords(b)]);
    strictEqual(records.length, 11);
    const first = decodeEventLogFrame(records[0]!.frame);
    deepStrictEqual(first.kind === "event" && first.event, "begin-log");
    strictEqual(records[0]!.tsSec, UTC / 1000, "records carry wall time from the BeginLogEvent");
    const d = new FrameDecoder();
    const flows = records.slice(1).map((r) => {
      strictEqual(d.decode(r.frame, 147, r.origlen), FrameStatus.Ok);
      return `${formatAddress(r.frame, d.srcAddrOffset, 4)}>${formatAddress(r.frame, d.dstAddrOffset, 4)}`;
    });
    deepStrictEqual(flows.slice(0, 5), Array(5).fill("198.51.100.1>192.0.2.1"), "incoming: Remote → Local");
    deepStrictEqual(flows.slice(5, 9), Array(4).fill("192.0.2.1>198.51.100.1"), "outgoing: Local → Remote");
    // Damage: decoded up to it, reported with its offset, the source fails, netpix stays up.
    const size = (await Deno.stat(path)).size;
    await append(path, new Uint8Array(12).fill(0xff));
    await client.until(() => client.packetCount >= 12, "the log-damaged event record");
    const last = [...batchRecords(client.batches.at(-1)!)].at(-1)!;
    const damaged = decodeEventLogFrame(last.frame);
    deepStrictEqual(damaged.kind === "event" && [damaged.event, damaged.fields.offset], ["log-damaged", size]);
    let source: { state: string; error?: string } | undefined;
    for (let i = 0; i < 50 && source?.state !== "failed"; i++) {
      const stats = await (await fetch(`${netpix.url}/api/stats`)).json() as { sources: typeof source[] };
      source = stats.sources[0];
      if (source?.state !== "failed") await new Promise((r) => setTimeout(r, 100));
    }
    strictEqual(source?.state, "failed");
    ok(source?.error?.includes(`event log damaged at byte ${size}`), source?.error);
    await client.until(() => netpix.stderr().includes(`damaged at byte ${size}`), "the damage in the log");
    strictEqual(client.closed, null, "the client stays connected");
  } finally {
    await client.close();
    strictEqual(await netpix.stop(), 0);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("netpix run -l fails at start for a missing log and for a legacy v1 log", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const missing = await startNetpix(["-l", `${dir}/none.rtclog`]).then(() => "started", (e: Error) => e.message);
    ok(missing.includes(`event log not found: ${dir}/none.rtclog`), missing);
    await Deno.writeFile(`${dir}/v1.rtclog`, new Uint8Array([0x0a, 0x02, 0x08, 0x01]));
    const v1 = await startNetpix(["-l", `${dir}/v1.rtclog`]).then(() => "started", (e: Error) => e.message);
    ok(v1.includes("legacy v1 rtc_event_log"), v1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
