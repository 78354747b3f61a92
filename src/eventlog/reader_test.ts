import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { EventLogReader } from "./reader.ts";
import { RecordCursor } from "../../ffi/records.ts";
import { decodeEventLogFrame } from "./frame.ts";
import { chunk, concat, rtcpBatchBytes, rtp, rtpBatchBytes } from "./_encode.ts";
import { makeSampleLog, SAMPLE_UTC_START_MS } from "./_sample.ts";

interface Rec {
  tsMs: number;
  caplen: number;
  origlen: number;
  frame: Uint8Array;
}

const buf = new Uint8Array(1 << 20);

/** Reads once and walks the records with the production cursor. */
async function readOnce(r: EventLogReader, waitMs: number): Promise<Rec[] | "eof"> {
  const res = await r.read(buf, waitMs);
  if (res.kind === "eof") return "eof";
  const c = new RecordCursor();
  c.reset(buf, res.bytes, res.count);
  const out: Rec[] = [];
  while (c.next()) {
    out.push({
      tsMs: c.tsSec * 1000 + c.tsNsec / 1e6,
      caplen: c.caplen,
      origlen: c.origlen,
      frame: buf.slice(c.dataOffset, c.dataOffset + c.caplen),
    });
  }
  strictEqual(c.error, null);
  strictEqual(out.length, res.count);
  return out;
}

/** Reads (following) until `n` records arrived. */
async function readUntil(r: EventLogReader, n: number): Promise<Rec[]> {
  const all: Rec[] = [];
  const deadline = Date.now() + 5000;
  while (all.length < n && Date.now() < deadline) {
    const res = await readOnce(r, 300);
    if (res === "eof") break;
    all.push(...res);
  }
  return all;
}

async function readAll(r: EventLogReader): Promise<Rec[]> {
  const all: Rec[] = [];
  for (let res = await readOnce(r, 0); res !== "eof"; res = await readOnce(r, 0)) all.push(...res);
  return all;
}

function eventsOf(recs: Rec[]): string[] {
  return recs.flatMap((r) => {
    const f = decodeEventLogFrame(r.frame);
    return f.kind === "event" ? [f.event] : [];
  });
}

async function withTemp(fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await fn(`${dir}/call.rtclog`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const pkt = (t: number, seq: number) => rtp({ timeMs: t, ssrc: 0xabc, sequenceNumber: seq, incoming: true });

Deno.test("EventLogReader reads a whole log as records in wall time, in time order", async () => {
  await withTemp(async (path) => {
    const log = makeSampleLog(2);
    await Deno.writeFile(path, log.bytes);
    const r = EventLogReader.open(path, { follow: false });
    const recs = await readAll(r);
    await r.close();
    strictEqual(recs.length, log.events);
    strictEqual(recs[0]!.tsMs, SAMPLE_UTC_START_MS, "the BeginLogEvent places the log clock in wall time");
    for (let i = 1; i < recs.length; i++) ok(recs[i]!.tsMs >= recs[i - 1]!.tsMs, `record ${i} in order`);
    const packets = recs.filter((x) => decodeEventLogFrame(x.frame).kind === "packet");
    strictEqual(
      packets.length,
      [...log.rtpPackets.values()].reduce((a, b) => a + b, 0) + log.rtcpPackets.incoming + log.rtcpPackets.outgoing,
    );
  });
});

Deno.test("EventLogReader follows a growing log, keeps a partial write, and ends after the EndLogEvent", async () => {
  await withTemp(async (path) => {
    const first = rtpBatchBytes([pkt(10, 1), pkt(30, 2)]);
    const second = rtpBatchBytes([pkt(50, 3)]);
    await Deno.writeFile(path, concat(first, second.subarray(0, 5))); // a write cut inside the second batch
    const r = EventLogReader.open(path, { follow: true });
    strictEqual(r.live, true);
    const a = await readOnce(r, 300);
    strictEqual(a !== "eof" && a.length, 2);
    const idle = await readOnce(r, 300);
    deepStrictEqual(idle, [], "nothing new: the partial batch waits");
    const f = await Deno.open(path, { append: true });
    await f.write(second.subarray(5));
    const b = await readOnce(r, 1000);
    strictEqual(b !== "eof" && b.length, 1, "the rest arrived and the kept bytes decode");
    await f.write(chunk({ endLogEvents: [{ timestampMs: 60n }] }));
    f.close();
    const c = await readOnce(r, 1000);
    deepStrictEqual(c !== "eof" && eventsOf(c), ["end-log"]);
    strictEqual(await readOnce(r, 1000), "eof");
    await r.close();
  });
});

Deno.test("EventLogReader reports truncation and rotation and reads the new file from its start", async () => {
  await withTemp(async (path) => {
    await Deno.writeFile(path, concat(rtpBatchBytes([pkt(1, 1), pkt(2, 2), pkt(3, 3)])));
    const notices: string[] = [];
    const r = EventLogReader.open(path, { follow: true, onNotice: (m) => notices.push(m) });
    strictEqual((await readOnce(r, 300) as Rec[]).length, 3);
    await Deno.writeFile(path, rtpBatchBytes([pkt(9, 9)])); // truncate in place: same inode, shorter
    const t = await readUntil(r, 2);
    deepStrictEqual(eventsOf(t), ["log-truncated"]);
    strictEqual(t.length, 2, "the event, then the new file's packet");
    ok(notices.some((n) => n.includes("truncated")), notices.join("; "));
    await Deno.rename(path, `${path}.1`);
    await Deno.writeFile(
      path,
      rtcpBatchBytes([{
        kind: "rtcp",
        incoming: false,
        timeMs: 5,
        bytes: new Uint8Array([0x80, 201, 0, 1, 0, 0, 0, 2]),
      }]),
    );
    const rot = await readUntil(r, 2);
    deepStrictEqual(eventsOf(rot), ["log-rotated"]);
    strictEqual(rot.length, 2);
    ok(notices.some((n) => n.includes("rotated")), notices.join("; "));
    await r.close();
  });
});

Deno.test("EventLogReader delivers everything before damage, then a log-damaged record, then fails with the offset", async () => {
  await withTemp(async (path) => {
    const good = rtpBatchBytes([pkt(1, 1), pkt(2, 2)]);
    await Deno.writeFile(
      path,
      concat(good, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])),
    );
    const r = EventLogReader.open(path, { follow: true });
    const recs = await readOnce(r, 300) as Rec[];
    strictEqual(recs.length, 3);
    const last = decodeEventLogFrame(recs[2]!.frame);
    deepStrictEqual(last.kind === "event" && [last.event, last.fields.offset], ["log-damaged", good.length]);
    await rejects(r.read(buf, 100), new RegExp(`damaged at byte ${good.length}`));
    strictEqual(await readOnce(r, 100), "eof");
    await r.close();
  });
});

Deno.test("EventLogReader without following reports an incomplete last event and ends", async () => {
  await withTemp(async (path) => {
    const b = rtpBatchBytes([pkt(1, 1)]);
    await Deno.writeFile(path, concat(b, b.subarray(0, b.length - 3)));
    const notices: string[] = [];
    const r = EventLogReader.open(path, { follow: false, onNotice: (m) => notices.push(m) });
    const recs = await readAll(r);
    deepStrictEqual(eventsOf(recs), ["log-incomplete"]);
    strictEqual(recs.length, 2);
    ok(notices[0]?.includes(`at byte ${b.length}`), notices[0]);
    await r.close();
  });
});
