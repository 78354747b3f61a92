/**
 * A real WebSocket client receives a file source's packets from a running netpix: all of them, in order, byte for
 * byte as in the file (read independently by the tests' own pcap reader).
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { DEMO_PCAP, startNetpix } from "./_netpix.ts";
import { batchRecords, NetpixClient } from "./_ws_client.ts";
import { readPcap } from "./_pcap_reader.ts";

Deno.test("a WebSocket client receives every packet of a file source, complete and in order", async () => {
  const expected = readPcap(await Deno.readFile(DEMO_PCAP));
  ok(expected.records.length > 1000, "the demo capture holds enough packets to need many batches");
  const netpix = await startNetpix(["-f", DEMO_PCAP]);
  const client = new NetpixClient(netpix.url);
  try {
    const hello = await client.hello();
    deepStrictEqual(hello.sources.map((s) => [s.id, s.kind, s.name, s.linkType]), [[0, "file", DEMO_PCAP, 1]]);
    client.send(JSON.stringify({ type: "select", source: 0 }));
    await client.until(() => client.packetCount >= expected.records.length, `${expected.records.length} packets`);
    await new Promise((r) => setTimeout(r, 200)); // nothing more may arrive
    strictEqual(client.packetCount, expected.records.length);
    let next = 1;
    for (const b of client.batches) {
      strictEqual(b.source, 0);
      strictEqual(b.firstId, next, "batches are contiguous");
      for (const r of batchRecords(b)) {
        strictEqual(r.id, next, "ids are consecutive");
        const want = expected.records[next - 1]!;
        strictEqual(r.tsSec, want.timestampSeconds, `ts_sec of packet ${next}`);
        const nanos = expected.nanosecond ? want.timestampFraction : want.timestampFraction * 1000;
        strictEqual(r.tsNsec, nanos, `ts_nsec of packet ${next}`);
        strictEqual(r.origlen, want.originalLength, `origlen of packet ${next}`);
        deepStrictEqual(r.frame, want.data);
        next++;
      }
    }
    strictEqual(client.invalid.length, 0);
  } finally {
    await client.close();
    strictEqual(await netpix.stop(), 0, "SIGTERM ends netpix cleanly");
  }
});

Deno.test("a WebSocket client gets an error message for a malformed request and stays connected", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP]);
  const client = new NetpixClient(netpix.url);
  try {
    await client.opened;
    client.send("{oops");
    client.sendBinary(new Uint8Array([1, 2, 3]));
    client.send(JSON.stringify({ type: "select", source: 42 }));
    await client.until(() => client.controls.filter((m) => m.type === "error").length === 3, "three errors");
    const codes = client.controls.flatMap((m) => m.type === "error" ? [m.code] : []);
    deepStrictEqual(codes, ["bad-request", "bad-request", "unknown-source"]);
    client.send(JSON.stringify({ type: "select", source: 0 }));
    await client.until(() => client.packetCount > 0, "packets after the errors");
    strictEqual(client.closed, null);
  } finally {
    await client.close();
    await netpix.stop();
  }
});

Deno.test("a client beyond --max-clients gets an error message and a close", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP, "-C", "1"]);
  const first = new NetpixClient(netpix.url);
  let second: NetpixClient | undefined;
  try {
    await first.opened;
    await first.until(() => first.controls.length > 0, "hello for the first client");
    second = new NetpixClient(netpix.url);
    await second.until(() => second!.closed !== null, "the second client to be closed");
    const err = second.controls[0];
    ok(err?.type === "error" && err.code === "too-many-clients", JSON.stringify(err));
    strictEqual(second.closed?.code, 1013);
    ok(netpix.stderr().includes("Maximum client limit reached"), netpix.stderr());
  } finally {
    await first.close();
    await netpix.stop();
  }
});

Deno.test("the HTTP API lists the sources and the page is served", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP]);
  try {
    const sources = await (await fetch(`${netpix.url}/api/sources`)).json();
    strictEqual(sources[0].name, DEMO_PCAP);
    const page = await fetch(`${netpix.url}/`);
    strictEqual(page.status, 200);
    ok((await page.text()).includes("<title>netpix</title>"));
    const js = await fetch(`${netpix.url}/app.js`);
    strictEqual(js.status, 200);
    ok((await js.text()).length > 1000);
    const missing = await fetch(`${netpix.url}/nope`);
    strictEqual(missing.status, 404);
    await missing.body?.cancel();
  } finally {
    await netpix.stop();
  }
});

Deno.test("several files and an interface are served at once, each as its own source", async () => {
  const second = new URL("testdata/framing/ipv6-ext.pcap", import.meta.url).pathname;
  const want = readPcap(await Deno.readFile(second)).records.length;
  const netpix = await startNetpix(["-f", DEMO_PCAP, second, "-i", "lo"]);
  const client = new NetpixClient(netpix.url);
  try {
    const hello = await client.hello();
    deepStrictEqual(
      hello.sources.map((s) => [s.kind, s.name]),
      [["file", DEMO_PCAP], ["file", second], ["interface", "lo"]],
    );
    const id = hello.sources.find((s) => s.name === second)!.id;
    client.send(JSON.stringify({ type: "select", source: id }));
    await client.until(() => client.packetCount >= want, `${want} packets of ${second}`);
    ok(client.batches.every((b) => b.source === id && b.linkType === 1));
    const stats = await (await fetch(`${netpix.url}/api/stats`)).json();
    deepStrictEqual(
      stats.sources.map((s: { state: string }) => s.state),
      ["finished", "finished", "running"],
    );
  } finally {
    await client.close();
    strictEqual(await netpix.stop(), 0);
  }
});
