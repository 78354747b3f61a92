/**
 * Decode rate of WebRTC event logs: a synthetic call (`_sample.ts`) of about 100,000 events (RTP and RTCP in
 * batches of ~140, BWE, configs, ICE, DTLS), decoded whole, then also turned into netpix records.
 *
 *   deno bench -A src/eventlog/decode_bench.ts
 *
 * events/s = events ÷ the mean time per iteration.
 */
import { EventLogDecoder } from "./stream.ts";
import { EventRecordWriter } from "./records.ts";
import { makeSampleLog } from "./_sample.ts";
import type { LogEvent } from "./events.ts";

const log = makeSampleLog(324, 1);
console.log(`log: ${log.bytes.length} bytes, ${log.events} events`);
const buf = new Uint8Array(4 << 20);

Deno.bench(`EventLogDecoder decodes a ${log.events}-event log`, { baseline: true }, () => {
  const d = new EventLogDecoder();
  d.push(log.bytes);
  const out: LogEvent[] = [];
  d.drain(out);
  if (out.length !== log.events) throw new Error(`decoded ${out.length}`);
});

Deno.bench(`EventLogDecoder + EventRecordWriter turn a ${log.events}-event log into records`, () => {
  const d = new EventLogDecoder();
  d.push(log.bytes);
  const out: LogEvent[] = [];
  d.drain(out);
  const w = new EventRecordWriter();
  let at = 0;
  for (const e of out) {
    at = w.write(buf, at, e);
    if (at < 0 || at > buf.length - 4096) at = 0;
  }
});
