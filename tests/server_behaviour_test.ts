/**
 * The streaming server end to end, with a real netpix process and real WebSocket clients: the connection limit under
 * a burst of connects, a lossless replay of a full ring while live traffic flows, compression, malformed and abusive
 * client messages, hot reload on SIGHUP, and a clean shutdown on SIGTERM.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import dgram from "node:dgram";
import { DEMO_PCAP, startNetpix } from "./_netpix.ts";
import { NetpixClient } from "./_ws_client.ts";
import { readPcap } from "./_pcap_reader.ts";
import type { ControlMessage } from "../src/wire/messages.ts";
import { MAX_REQUESTS_PER_SECOND } from "../src/server/hub.ts";

function controlsOf<T extends ControlMessage["type"]>(
  c: NetpixClient,
  type: T,
): Extract<ControlMessage, { type: T }>[] {
  return c.controls.filter((m): m is Extract<ControlMessage, { type: T }> => m.type === type);
}

async function connected(url: string): Promise<NetpixClient> {
  const c = new NetpixClient(url);
  await c.opened;
  await c.until(() => c.controls.length > 0 || c.closed !== null, "first message");
  return c;
}

/** Sends UDP datagrams to 127.0.0.1:`port` at about `rate` per second until `signal` aborts. */
async function pace(port: number, rate: number, signal: AbortSignal): Promise<number> {
  const s = dgram.createSocket("udp4");
  const payload = new Uint8Array(120);
  let sent = 0;
  const perTick = Math.max(1, Math.round(rate / 200));
  while (!signal.aborted) {
    for (let i = 0; i < perTick; i++) {
      new DataView(payload.buffer).setUint32(0, sent++);
      s.send(payload, port, "127.0.0.1");
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 50));
  s.close();
  return sent;
}

async function freeUdpPort(): Promise<dgram.Socket> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  return s;
}

Deno.test("--max-clients holds exactly under twice as many concurrent connects; the rest get 1013 and a reason", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP, "-C", "5"]);
  const clients: NetpixClient[] = [];
  try {
    clients.push(...await Promise.all(Array.from({ length: 10 }, () => connected(netpix.url))));
    await Promise.all(
      clients.map((c) =>
        c.until(() => c.controls.some((m) => m.type === "hello") || c.closed !== null, "hello or close")
      ),
    );
    const admitted = clients.filter((c) => c.controls.some((m) => m.type === "hello"));
    const refused = clients.filter((c) => !c.controls.some((m) => m.type === "hello"));
    strictEqual(admitted.length, 5);
    strictEqual(refused.length, 5);
    for (const c of refused) {
      await c.until(() => c.closed !== null, "close");
      deepStrictEqual(c.closed, { code: 1013, reason: "Maximum client limit reached" });
      strictEqual(controlsOf(c, "error")[0]?.code, "too-many-clients");
    }
    const metrics = await (await fetch(`${netpix.url}/metrics`)).text();
    ok(/^netpix_clients_refused_total 5$/m.test(metrics), metrics);
    ok(/^netpix_clients 5$/m.test(metrics));
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await netpix.stop();
  }
  ok(netpix.stderr().includes("Maximum client limit reached"));
});

Deno.test("a client that selects a live source with a full ring gets all of it, then live packets, no gap", async () => {
  const sink = await freeUdpPort();
  const port = sink.address().port;
  const netpix = await startNetpix(["-i", "lo", "-c", `udp port ${port}`, "-b", "3000"]);
  const stopSender = new AbortController();
  const sending = pace(port, 2000, stopSender.signal);
  const client = new NetpixClient(netpix.url);
  try {
    // Fill the ring until it overwrites.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const status = await (await fetch(`${netpix.url}/api/status`)).json();
      if (status.sources[0].overwritten > 500) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await client.opened;
    client.send(JSON.stringify({ type: "select", source: 0 }));
    await client.until(() => controlsOf(client, "replay-done").length > 0, "replay-done");
    const selected = controlsOf(client, "selected")[0]!;
    strictEqual(selected.nextId - selected.firstId, 3000, "the ring was full");
    await client.until(() => client.packetCount >= 3000 + 500, "500 live packets after the replay");
    stopSender.abort();
    let next = selected.firstId;
    for (const b of client.batches) {
      strictEqual(b.firstId, next, "no gap and no duplicate");
      next += b.count;
    }
    ok(next >= selected.nextId + 500);
    deepStrictEqual(controlsOf(client, "dropped"), []);
  } finally {
    stopSender.abort();
    await sending;
    sink.close();
    await client.close();
    await netpix.stop();
  }
});

Deno.test("--compression on deflates frames; the client inflates them into exactly the file's packets", async () => {
  const expected = readPcap(await Deno.readFile(DEMO_PCAP)).records.length;
  const netpix = await startNetpix(["-f", DEMO_PCAP, "--compression", "on", "-M", "0"]);
  const client = new NetpixClient(netpix.url);
  try {
    strictEqual((await client.hello()).compression, true);
    client.send(JSON.stringify({ type: "select", source: 0 }));
    await client.until(() => controlsOf(client, "replay-done").length > 0, "replay-done");
    strictEqual(client.packetCount, expected);
    ok(client.deflatedCount > 0);
    const status = await (await fetch(`${netpix.url}/api/status`)).json();
    ok(status.compression.bytesSaved > 0, JSON.stringify(status.compression));
    const metrics = await (await fetch(`${netpix.url}/metrics`)).text();
    ok(/^netpix_compression_bytes_total\{stage="in"\} [1-9]/m.test(metrics));
  } finally {
    await client.close();
    await netpix.stop();
  }
});

Deno.test("malformed messages get an error reply; oversized ones close 1009 and floods close 1008", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP]);
  const [polite, big, flood] = await Promise.all([1, 2, 3].map(() => connected(netpix.url)));
  try {
    polite!.send("{oops");
    polite!.send(JSON.stringify({ type: "decode-as", port: 70000, as: "rtp" }));
    await polite!.until(() => controlsOf(polite!, "error").length >= 2, "two errors");
    deepStrictEqual(controlsOf(polite!, "error").map((e) => e.code), ["bad-request", "bad-request"]);
    big!.send("x".repeat(100_000));
    await big!.until(() => big!.closed !== null, "close");
    strictEqual(big!.closed!.code, 1009);
    // One message over the limit within a second. (A client that keeps sending after the close frame has its TCP
    // connection reset by Deno's WebSocket server instead: it is disconnected all the same, without the code.)
    for (let i = 0; i <= MAX_REQUESTS_PER_SECOND; i++) flood!.send('{"type":"fetch-all"}');
    await flood!.until(() => flood!.closed !== null, "close");
    strictEqual(flood!.closed!.code, 1008);
    ok(polite!.closed === null, "the polite client is still connected");
    const metrics = await (await fetch(`${netpix.url}/metrics`)).text();
    ok(/^netpix_bad_requests_total 2$/m.test(metrics));
  } finally {
    await Promise.all([polite, big, flood].map((c) => c!.close()));
    await netpix.stop();
  }
});

Deno.test("SIGHUP reloads the tunables from --config without dropping a client; a bad file keeps the old values", async () => {
  const dir = await Deno.makeTempDir();
  const config = `${dir}/netpix.toml`;
  await Deno.writeTextFile(config, 'message-batch-size = 10\nfiles = ["' + DEMO_PCAP + '"]\n');
  const netpix = await startNetpix(["--config", config, "-m", "5"]);
  const client = await connected(netpix.url);
  try {
    strictEqual(controlsOf(client, "hello")[0]!.sources[0]!.name, DEMO_PCAP, "the file came from the config");
    await Deno.writeTextFile(config, `message-batch-size = 25\nmax-clients = 7\nmessage-interval = 9\n`);
    Deno.kill(netpix.pid, "SIGHUP");
    await client.until(() => controlsOf(client, "limits").length > 0, "limits");
    const limits = controlsOf(client, "limits")[0]!.limits;
    strictEqual(limits.messageBatchSize, 25);
    strictEqual(limits.maxClients, 7);
    strictEqual(limits.messageIntervalMs, 5, "the command line wins over the file");
    await Deno.writeTextFile(config, `message-batch-size = 0\n`);
    Deno.kill(netpix.pid, "SIGHUP");
    const deadline = Date.now() + 5000;
    while (!netpix.stderr().includes("reload rejected") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    ok(client.closed === null, "still connected");
    const status = await (await fetch(`${netpix.url}/api/status`)).json();
    strictEqual(status.limits.messageBatchSize, 25, "the old values stay");
  } finally {
    await client.close();
    await netpix.stop();
    await Deno.remove(dir, { recursive: true });
  }
  const err = netpix.stderr();
  ok(err.includes("Reloaded configuration: message-batch-size 10 → 25, max-clients 100 → 7"), err);
  ok(/Configuration reload rejected, keeping the current values: .*message-batch-size/.test(err), err);
  ok(err.includes("'files' changed but takes effect only after a restart"), err);
});

Deno.test("SIGTERM closes clients with 1001 and exits 0 within 2 s", async () => {
  const netpix = await startNetpix(["-f", DEMO_PCAP, "-i", "lo"]);
  const client = await connected(netpix.url);
  client.send(JSON.stringify({ type: "select", source: 0 }));
  await client.until(() => client.packetCount > 0, "packets");
  const t0 = performance.now();
  const code = await netpix.stop();
  const ms = performance.now() - t0;
  strictEqual(code, 0);
  ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
  await client.until(() => client.closed !== null, "close");
  strictEqual(client.closed!.code, 1001);
  strictEqual(controlsOf(client, "error").at(-1)?.code, "shutting-down");
});
