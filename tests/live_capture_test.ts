/**
 * Live capture on `lo` end to end: netpix captures with a BPF filter while a UDP sender transmits, and a WebSocket
 * client receives exactly the matching datagrams, in order, and none of netpix's own traffic.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { startNetpix } from "./_netpix.ts";
import { batchRecords, NetpixClient } from "./_ws_client.ts";
import { FrameDecoder, FrameStatus } from "../src/protocols/frame.ts";
import dgram from "node:dgram";

/** A bound UDP socket on 127.0.0.1 (a sink, so the kernel sends no ICMP port-unreachable). */
async function udpSocket(port = 0): Promise<dgram.Socket> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    s.once("error", reject);
    s.bind(port, "127.0.0.1", () => resolve());
  });
  return s;
}

/** Sends `count` datagrams whose payload starts with their big-endian sequence number, then `tag`. */
async function sendUdp(port: number, count: number, tag: number, gapMs = 1): Promise<void> {
  const sock = await udpSocket();
  const payload = new Uint8Array(100);
  const view = new DataView(payload.buffer);
  try {
    for (let i = 0; i < count; i++) {
      view.setUint32(0, i);
      view.setUint32(4, tag);
      await new Promise<void>((resolve, reject) =>
        sock.send(payload, port, "127.0.0.1", (err) => err ? reject(err) : resolve())
      );
      if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    }
  } finally {
    sock.close();
  }
}

Deno.test("live capture on lo delivers exactly the filtered UDP datagrams, in order, to a WebSocket client", async () => {
  const sinks = [await udpSocket(), await udpSocket()];
  const [wanted, other] = sinks.map((s) => s.address().port) as [number, number];
  const netpix = await startNetpix(["-i", "lo", "-c", `udp port ${wanted}`]);
  const client = new NetpixClient(netpix.url);
  try {
    const hello = await client.hello();
    strictEqual(hello.sources[0]?.kind, "interface");
    client.send(JSON.stringify({ type: "select", source: 0 }));
    await client.until(() => client.controls.some((m) => m.type === "selected"), "selected");
    const N = 300;
    await Promise.all([sendUdp(wanted, N, 0xaaaa), sendUdp(other, 50, 0xbbbb)]);
    await client.until(() => client.packetCount >= N, `${N} packets`);
    await new Promise((r) => setTimeout(r, 300));
    strictEqual(client.packetCount, N, "no packet of another port and none of netpix's own traffic");
    const d = new FrameDecoder();
    const seqs: number[] = [];
    for (const b of client.batches) {
      strictEqual(b.linkType, 1, "lo is Ethernet-framed");
      for (const { frame, origlen } of batchRecords(b)) {
        strictEqual(d.decode(frame, b.linkType, origlen), FrameStatus.Ok);
        strictEqual(d.transport, 17);
        strictEqual(d.dstPort, wanted);
        const pv = new DataView(frame.buffer, frame.byteOffset + d.payloadOffset, d.payloadLength);
        strictEqual(pv.getUint32(4), 0xaaaa);
        seqs.push(pv.getUint32(0));
      }
    }
    deepStrictEqual(seqs, Array.from({ length: N }, (_, i) => i));
    const stats = await (await fetch(`${netpix.url}/api/stats`)).json();
    strictEqual(stats.sources[0].kernel.droppedByKernel, 0);
  } finally {
    await client.close();
    strictEqual(await netpix.stop(), 0);
    for (const s of sinks) s.close();
  }
});

Deno.test("netpix list shows lo with its address and the any device", async () => {
  const { runCli } = await import("./_netpix.ts");
  const r = await runCli(["list", "--json"]);
  strictEqual(r.code, 0, r.stderr);
  const devices = JSON.parse(r.stdout) as Array<
    { name: string; flags: { loopback: boolean }; addresses: { addr: string; netmask: string }[] }
  >;
  const lo = devices.find((d) => d.name === "lo");
  ok(lo?.flags.loopback);
  ok(lo.addresses.some((a) => a.addr === "127.0.0.1" && a.netmask === "255.0.0.0"));
  ok(devices.some((d) => d.name === "any"));
  const text = await runCli(["list"]);
  strictEqual(text.code, 0);
  ok(/^\d+\. lo \(loopback \| up \| running\)$/m.test(text.stdout), text.stdout);
  ok(text.stdout.includes("127.0.0.1 (mask 255.0.0.0)"));
});

Deno.test("live capture without a filter leaves out netpix's own HTTP/WebSocket traffic", async () => {
  const sink = await udpSocket();
  const netpix = await startNetpix(["-i", "lo"]);
  const client = new NetpixClient(netpix.url);
  try {
    await client.opened;
    client.send(JSON.stringify({ type: "select", source: 0 }));
    await client.until(() => client.controls.some((m) => m.type === "selected"), "selected");
    await sendUdp(sink.address().port, 50, 0xcccc);
    await fetch(`${netpix.url}/api/stats`).then((r) => r.body?.cancel());
    await client.until(() => client.packetCount >= 50, "the 50 datagrams");
    await new Promise((r) => setTimeout(r, 1500)); // a stats message or two flow over the socket meanwhile
    const d = new FrameDecoder();
    let own = 0;
    for (const b of client.batches) {
      for (const { frame } of batchRecords(b)) {
        d.decode(frame, b.linkType);
        if (d.srcPort === netpix.port || d.dstPort === netpix.port) own++;
      }
    }
    strictEqual(own, 0, "no frame to or from the server's port");
  } finally {
    await client.close();
    await netpix.stop();
    sink.close();
  }
});
