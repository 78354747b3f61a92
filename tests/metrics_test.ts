/**
 * `GET /metrics` of a running netpix: Prometheus text format, with the counters a WebSocket client's session moved.
 */
import { match, ok, strictEqual } from "node:assert/strict";
import { DEMO_PCAP, startNetpix } from "./_netpix.ts";
import { NetpixClient } from "./_ws_client.ts";

/** Sample lines as name+labels → value; asserts every line is a comment or a well-formed sample. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.trimEnd().split("\n")) {
    if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    const m = line.match(/^([a-z_]+(?:\{[a-z_]+="(?:[^"\\]|\\.)*"(?:,[a-z_]+="(?:[^"\\]|\\.)*")*\})?) (-?[\d.e+-]+)$/);
    ok(m, `malformed exposition line: ${line}`);
    samples.set(m[1]!, Number(m[2]));
  }
  return samples;
}

Deno.test("GET /metrics reports the source, client and sending counters in Prometheus text format", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP]);
  const client = new NetpixClient(netpix.url);
  try {
    await client.opened;
    client.send(JSON.stringify({ type: "select", source: 0 }));
    client.send("not json");
    await client.until(() => client.packetCount >= 1798, "all demo packets");
    const res = await fetch(`${netpix.url}/metrics`);
    strictEqual(res.status, 200);
    match(res.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
    const m = parseExposition(await res.text());
    const src = `source="${DEMO_PCAP}",kind="file"`;
    strictEqual(m.get(`netpix_source_packets_captured_total{${src}}`), 1798);
    strictEqual(m.get(`netpix_source_buffer_packets{${src}}`), 1798);
    strictEqual(m.get(`netpix_source_buffer_capacity_packets{${src}}`), 32768);
    strictEqual(m.get(`netpix_source_overwritten_total{${src}}`), 0);
    strictEqual(m.get("netpix_clients"), 1);
    strictEqual(m.get("netpix_packets_sent_total"), 1798);
    strictEqual(m.get("netpix_bad_requests_total"), 1);
    ok(m.get("netpix_bytes_sent_total")! > 1_000_000, "the demo's frames went out");
    ok(m.get('netpix_tick_seconds{stat="count"}')! > 0);
    const status = await (await fetch(`${netpix.url}/api/status`)).json();
    strictEqual(status.totals.packetsSent, 1798);
  } finally {
    await client.close();
    await netpix.stop();
  }
});
