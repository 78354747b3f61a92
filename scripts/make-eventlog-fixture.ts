/**
 * Writes tests/testdata/eventlog/call.rtclog: a 10-second synthetic call encoded with netpix's own event-log v2
 * encoder (src/eventlog/_sample.ts). Deterministic: running it again gives the same bytes.
 *
 *   deno run --allow-write scripts/make-eventlog-fixture.ts
 */
import { makeSampleLog } from "../src/eventlog/_sample.ts";

const out = new URL("../tests/testdata/eventlog/call.rtclog", import.meta.url);
const log = makeSampleLog(10, 1);
await Deno.writeFile(out, log.bytes);
console.log(`${out.pathname}: ${log.bytes.length} bytes, ${log.events} events`);
for (const [ssrc, n] of log.rtpPackets) console.log(`  RTP ssrc 0x${ssrc.toString(16)}: ${n} packets`);
console.log(`  RTCP: ${log.rtcpPackets.incoming} incoming, ${log.rtcpPackets.outgoing} outgoing`);
