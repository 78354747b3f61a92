import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { inflateRawSync } from "node:zlib";
import { Hub, MAX_REQUEST_CHARS, MAX_REQUESTS_PER_SECOND, PACKETS_PER_MESSAGE } from "./hub.ts";
import { MESSAGE_BYTES } from "./frame_cache.ts";
import type { ClientSession, Peer } from "./client_session.ts";
import { CaptureSource } from "../capture/source.ts";
import {
  BATCH_HEADER_BYTES,
  type ControlMessage,
  decodeServerMessage,
  MAX_ADAPTIVE_BATCH,
  parseClientRequest,
  type ServerLimits,
} from "../wire/messages.ts";
import { setLogSink } from "../log.ts";
import { readFileSync } from "node:fs";

setLogSink(() => {});

class FakePeer implements Peer {
  sent: Uint8Array<ArrayBuffer>[] = [];
  closed: [number, string] | null = null;
  buffered = 0;
  get open(): boolean {
    return this.closed === null;
  }
  send(data: Uint8Array<ArrayBuffer>): void {
    this.sent.push(data);
  }
  close(code: number, reason: string): void {
    this.closed = [code, reason];
  }
  /** Every message, inflated where it was deflated. */
  messages(): ReturnType<typeof decodeServerMessage>[] {
    return this.sent.map((m) => {
      const d = decodeServerMessage(m);
      return d.kind === "deflated" ? decodeServerMessage(inflateRawSync(m.subarray(1))) : d;
    });
  }
  controls(): ControlMessage[] {
    return this.messages().flatMap((d) => d.kind === "control" ? [d.message] : []);
  }
  /** Ids of every packet received, in arrival order. */
  packetIds(): number[] {
    return this.messages().flatMap((d) =>
      d.kind === "packets" ? Array.from({ length: d.count }, (_, k) => d.firstId + k) : []
    );
  }
  /** Packet counts of the packet frames, in order. */
  frameSizes(): number[] {
    return this.messages().flatMap((d) => d.kind === "packets" ? [d.count] : []);
  }
}

const LIMITS: ServerLimits = {
  maxClients: 2,
  maxClientQueueSize: 1000,
  messageBatchSize: 10,
  messageIntervalMs: 5,
  adaptiveBatching: false,
  bufferSize: 10_000,
  maximumPacketAgeS: 0,
};

function sourceWith(packets: number, maxPackets = 10_000): CaptureSource {
  const s = new CaptureSource(0, "file", "test.pcap", null, { maxPackets, maxBytes: 1 << 24, promisc: false });
  addPackets(s, packets);
  return s;
}

/** Appends `n` frames the way a capture does: store, then notify. */
function addPackets(s: CaptureSource, n: number, storedAtMs = 0): void {
  const f = new Uint8Array(60);
  const from = s.store.nextId;
  for (let i = 0; i < n; i++) s.store.append(f, 0, f.length, 0, 0, 60, storedAtMs);
  s.onPackets(from, s.store.nextId);
}

function drain(hub: Hub, ticks: number): void {
  for (let i = 0; i < ticks; i++) hub.tick();
}

function hubOf(sources: CaptureSource[], limits: Partial<ServerLimits> = {}, compress = false): Hub {
  return new Hub(sources, { limits: { ...LIMITS, ...limits }, compressionFor: () => compress });
}

/** Connects a new peer to `hub` and has it select `source`. */
function selecting(hub: Hub, source: number): { peer: FakePeer; client: ClientSession } {
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  hub.request(client, { type: "select", source });
  return { peer, client };
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

Deno.test("Hub greets a client with the sources and replays the ring in order, then live packets", () => {
  const source = sourceWith(2000);
  const hub = hubOf([source]);
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  drain(hub, 1);
  const hello = peer.controls()[0]!;
  strictEqual(hello.type, "hello");
  if (hello.type === "hello") strictEqual(hello.sources[0]!.name, "test.pcap");
  hub.request(client, parseClientRequest('{"type":"select","source":0}'));
  drain(hub, 10);
  addPackets(source, 700);
  drain(hub, 100);
  deepStrictEqual(peer.packetIds(), range(1, 2700));
  const kinds = peer.controls().map((m) => m.type);
  ok(kinds.indexOf("selected") < kinds.indexOf("replay-done"));
  deepStrictEqual(peer.controls().find((m) => m.type === "replay-done"), {
    type: "replay-done",
    source: 0,
    nextId: 2001,
  });
});

Deno.test("Hub replays a full default ring (32,768 packets) without a gap while live packets keep arriving", () => {
  const source = sourceWith(32_768, 32_768);
  const hub = hubOf([source], { maxClientQueueSize: 1000 });
  const { peer } = selecting(hub, 0);
  for (let t = 0; t < 40; t++) {
    addPackets(source, 20); // 4,000 packets/s at 5 ms ticks
    hub.tick();
  }
  drain(hub, 50);
  const ids = peer.packetIds();
  deepStrictEqual(ids, range(1, 32_768 + 800), "no gap, no duplicate, live after replay");
  strictEqual(peer.controls().filter((m) => m.type === "dropped").length, 0);
});

Deno.test("Hub sends at most --message-batch-size live packets per client per tick, in one frame", () => {
  const source = sourceWith(0);
  const hub = hubOf([source]);
  const { peer } = selecting(hub, 0);
  drain(hub, 2);
  addPackets(source, 35);
  peer.sent = [];
  hub.tick();
  deepStrictEqual(peer.frameSizes(), [10]);
  drain(hub, 3);
  deepStrictEqual(peer.frameSizes(), [10, 10, 10, 5]);
});

Deno.test("Hub with adaptive batching sends what is queued each tick, up to the cap, in frames of at most 64 KiB", () => {
  const source = sourceWith(0);
  const hub = hubOf([source], { adaptiveBatching: true, maxClientQueueSize: 10_000 });
  const { peer } = selecting(hub, 0);
  drain(hub, 2);
  addPackets(source, 35);
  hub.tick();
  deepStrictEqual(peer.frameSizes(), [35], "more than -B 10, in one frame");
  peer.sent = [];
  addPackets(source, MAX_ADAPTIVE_BATCH + 5);
  hub.tick();
  const firstTick = peer.frameSizes();
  // 60-byte frames take 76 bytes each in a batch, so a 64 KiB frame holds this many.
  const perFrame = Math.floor((MESSAGE_BYTES - BATCH_HEADER_BYTES) / 76);
  strictEqual(firstTick.reduce((a, b) => a + b, 0), MAX_ADAPTIVE_BATCH, "the cap per tick");
  ok(firstTick.length > 1 && firstTick.every((n) => n <= perFrame), `frames ${firstTick}`);
  hub.tick();
  deepStrictEqual(peer.frameSizes().slice(firstTick.length), [5]);
});

Deno.test("Hub offers packets only to the clients of their source", () => {
  const a = sourceWith(0);
  const b = new CaptureSource(1, "file", "b.pcap", null, { maxPackets: 100, maxBytes: 1 << 16, promisc: false });
  const hub = hubOf([a, b]);
  const { peer: pa, client: ca } = selecting(hub, 0);
  const { peer: pb, client: cb } = selecting(hub, 1);
  addPackets(a, 5);
  strictEqual(ca.queued, 5);
  strictEqual(cb.queued, 0);
  drain(hub, 3);
  strictEqual(pa.packetIds().length, 5);
  strictEqual(pb.packetIds().length, 0);
});

Deno.test("Hub encodes a batch once and shares it between clients at the same position", () => {
  const hub = hubOf([sourceWith(100)]);
  const a = selecting(hub, 0).peer;
  const b = selecting(hub, 0).peer;
  drain(hub, 2);
  const batchOf = (p: FakePeer) => p.sent.find((m) => decodeServerMessage(m).kind === "packets");
  ok(batchOf(a) !== undefined && batchOf(a) === batchOf(b), "the same Uint8Array goes to both");
});

Deno.test("Hub deflates frames for clients that take compression, and counts the bytes saved", () => {
  const hub = hubOf([sourceWith(500)], {}, true);
  const { peer } = selecting(hub, 0);
  drain(hub, 5);
  ok(peer.sent.some((m) => m[0] === 3), "some frames are deflated");
  deepStrictEqual(peer.packetIds(), range(1, 500));
  ok(hub.totals.compressedBytesIn > hub.totals.compressedBytesOut);
  const hello = peer.controls()[0];
  ok(hello?.type === "hello" && hello.compression);
});

Deno.test("Hub rejects a client beyond --max-clients with an error message and close code 1013", () => {
  const hub = hubOf([sourceWith(0)]);
  hub.connect(new FakePeer());
  hub.connect(new FakePeer());
  const third = new FakePeer();
  strictEqual(hub.connect(third), null);
  const err = third.controls()[0]!;
  strictEqual(err.type, "error");
  if (err.type === "error") strictEqual(err.code, "too-many-clients");
  deepStrictEqual(third.closed, [1013, "Maximum client limit reached"]);
  strictEqual(hub.totals.rejectedClients, 1);
});

Deno.test("Hub answers malformed and unknown requests with an error and counts them", () => {
  const hub = hubOf([sourceWith(0)]);
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  hub.request(client, parseClientRequest("{not json"));
  hub.request(client, parseClientRequest('{"type":"select","source":9}'));
  hub.request(client, parseClientRequest('{"type":"launch"}'));
  hub.request(client, parseClientRequest('{"type":"decode-as","port":5004,"as":"rtp"}'));
  drain(hub, 1);
  const errors = peer.controls().filter((m) => m.type === "error");
  deepStrictEqual(errors.map((e) => e.type === "error" && e.code), [
    "bad-request",
    "unknown-source",
    "bad-request",
    "no-source-selected",
  ]);
  strictEqual(client.stats.badRequests, 2);
  strictEqual(hub.totals.badRequests, 2);
});

Deno.test("Hub closes a client that sends an oversized message (1009) or too many (1008)", () => {
  const hub = hubOf([sourceWith(0)]);
  const big = new FakePeer();
  const c1 = hub.connect(big)!;
  strictEqual(hub.admitRequest(c1, MAX_REQUEST_CHARS + 1), false);
  strictEqual(big.closed?.[0], 1009);
  const chatty = new FakePeer();
  const c2 = hub.connect(chatty)!;
  let admitted = 0;
  for (let i = 0; i < MAX_REQUESTS_PER_SECOND + 5; i++) if (hub.admitRequest(c2, 10, 1000)) admitted++;
  strictEqual(admitted, MAX_REQUESTS_PER_SECOND);
  strictEqual(chatty.closed?.[0], 1008);
  const codes = chatty.controls().filter((m) => m.type === "error").map((m) => m.type === "error" && m.code);
  deepStrictEqual(codes, ["too-many-requests"]);
  strictEqual(hub.clients.size, 0);
  strictEqual(hub.totals.closedTooBig + hub.totals.closedTooManyRequests, 2);
});

Deno.test("Hub tells a client how many packets the ring evicted before it could send them", () => {
  const source = sourceWith(50, 100);
  const hub = hubOf([source]);
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  peer.buffered = 64 << 20; // not reading while the ring turns over
  hub.request(client, { type: "select", source: 0 });
  addPackets(source, 120); // ids 1..170, ring keeps 71..170
  peer.buffered = 0;
  drain(hub, 20);
  const dropped = peer.controls().filter((m) => m.type === "dropped");
  deepStrictEqual(dropped, [
    { type: "dropped", source: 0, fromId: 1, count: 50, reason: "evicted" },
    { type: "dropped", source: 0, fromId: 51, count: 20, reason: "evicted" },
  ]);
  deepStrictEqual(peer.packetIds(), range(71, 100));
  strictEqual(client.stats.droppedPackets, 70);
});

Deno.test("Hub drops new live packets beyond the client's queue bound and reports the gap where it is", () => {
  const source = sourceWith(0);
  const hub = hubOf([source], { maxClientQueueSize: 30 });
  const { peer, client } = selecting(hub, 0);
  drain(hub, 2);
  peer.buffered = 64 << 20; // the client stops reading
  addPackets(source, 100); // ids 1..100: 1..30 queued, 31..100 refused
  strictEqual(client.queued, 30);
  drain(hub, 3);
  strictEqual(peer.packetIds().length, 0);
  peer.buffered = 0;
  drain(hub, 5);
  addPackets(source, 5); // ids 101..105 fit again
  drain(hub, 5);
  deepStrictEqual(peer.packetIds(), [...range(1, 30), ...range(101, 5)]);
  const dropped = peer.controls().filter((m) => m.type === "dropped");
  deepStrictEqual(dropped, [{ type: "dropped", source: 0, fromId: 31, count: 70, reason: "queue-full" }]);
  // The notice arrives between packet 30 and packet 101.
  const order = peer.messages().map((m) =>
    m.kind === "packets" ? `p${m.firstId}` : m.kind === "control" ? m.message.type : "?"
  );
  ok(order.indexOf("dropped") > order.indexOf("p21") && order.indexOf("dropped") < order.indexOf("p101"));
  strictEqual(client.stats.droppedQueueFull, 70);
  strictEqual(hub.totals.droppedPacketsQueueFull, 70);
});

Deno.test("Hub holds back a client whose socket has not drained, without losing its place", () => {
  const hub = hubOf([sourceWith(10)]);
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  peer.buffered = 64 << 20;
  hub.request(client, { type: "select", source: 0 });
  drain(hub, 3);
  strictEqual(peer.packetIds().length, 0);
  strictEqual(client.stalledTicks, 4, "at select, then three ticks");
  peer.buffered = 0;
  drain(hub, 2);
  strictEqual(peer.packetIds().length, 10);
});

Deno.test("Hub drops control messages beyond --max-client-queue-size and counts them", () => {
  const hub = hubOf([sourceWith(0)], { maxClientQueueSize: 4 });
  const peer = new FakePeer();
  const client = hub.connect(peer)!; // hello is queued
  peer.buffered = 64 << 20;
  for (let i = 0; i < 10; i++) hub.request(client, parseClientRequest("nope"));
  strictEqual(client.control.length, 4);
  strictEqual(client.stats.droppedMessages, 7);
  strictEqual(hub.totals.droppedControlMessages, 7);
});

Deno.test("Hub keeps decode-as and SDP settings per source and gives them to every client, later ones too", () => {
  const hub = hubOf([sourceWith(0)], { maxClients: 5 });
  const { peer: a, client: ca } = selecting(hub, 0);
  const { peer: b, client: cb } = selecting(hub, 0);
  hub.request(ca, parseClientRequest('{"type":"decode-as","port":5004,"as":"mpegts"}'));
  const sdp = readFileSync(new URL("../../tests/testdata/demo.sdp", import.meta.url), "utf8");
  hub.request(ca, { type: "set-sdp", ssrc: 1234, sdp });
  hub.request(ca, { type: "set-sdp", ssrc: null, sdp: "v=0\r\nthis is not sdp" });
  drain(hub, 1);
  const settingsOf = (p: FakePeer) => p.controls().filter((m) => m.type === "settings").at(-1);
  const expected = { decodeAs: [{ port: 5004, as: "mpegts" }], sdp: [{ ssrc: 1234, sdp }] };
  deepStrictEqual(settingsOf(b), { type: "settings", source: 0, settings: expected });
  const err = a.controls().find((m) => m.type === "error");
  ok(err?.type === "error" && err.code === "invalid-sdp", "a bad SDP is refused with a reason");
  const late = selecting(hub, 0).peer;
  drain(hub, 1);
  const selected = late.controls().find((m) => m.type === "selected");
  deepStrictEqual(selected?.type === "selected" && selected.settings, expected);
  hub.request(cb, { type: "decode-as", port: 5004, as: "auto" });
  drain(hub, 1);
  deepStrictEqual(settingsOf(a)?.type === "settings" && settingsOf(a)!.type === "settings" && settingsOf(a), {
    type: "settings",
    source: 0,
    settings: { decodeAs: [], sdp: [{ ssrc: 1234, sdp }] },
  });
});

Deno.test("Hub ages every source on its timer, files too, and reports discharges to that source's clients", () => {
  const source = sourceWith(0);
  addPackets(source, 10, 1000);
  addPackets(source, 10, 9000);
  const hub = hubOf([source], { maximumPacketAgeS: 5 });
  const { peer } = selecting(hub, 0);
  drain(hub, 2);
  hub.housekeeping(10_000);
  drain(hub, 1);
  strictEqual(source.store.discharged, 10);
  const stats = peer.controls().filter((m) => m.type === "stats").at(-1);
  ok(stats?.type === "stats" && stats.sources[0]!.discharged === 10);
});

Deno.test("Hub.reload() applies new tunables to connected clients and tells them", () => {
  const source = sourceWith(0);
  const hub = hubOf([source], { maxClientQueueSize: 5 });
  const { peer, client } = selecting(hub, 0);
  hub.reload({ ...LIMITS, maxClientQueueSize: 50, messageBatchSize: 25 });
  strictEqual(client.maxQueue, 50);
  addPackets(source, 40);
  strictEqual(client.queued, 40);
  drain(hub, 2);
  deepStrictEqual(peer.frameSizes(), [25, 15]);
  const limits = peer.controls().find((m) => m.type === "limits");
  ok(limits?.type === "limits" && limits.limits.messageBatchSize === 25);
  ok(peer.closed === null);
});

Deno.test("Hub.closeAll() tells clients it is shutting down and closes them with 1001", async () => {
  const hub = hubOf([sourceWith(0)]);
  const peer = new FakePeer();
  hub.connect(peer);
  await hub.closeAll(100);
  deepStrictEqual(peer.closed, [1001, "server shutting down"]);
  ok(peer.controls().some((m) => m.type === "error" && m.code === "shutting-down"));
  const late = new FakePeer();
  strictEqual(hub.connect(late), null);
  strictEqual(late.closed?.[0], 1001);
});

Deno.test("Hub sends PACKETS_PER_MESSAGE packets per replay frame", () => {
  const hub = hubOf([sourceWith(PACKETS_PER_MESSAGE * 3)]);
  const { peer } = selecting(hub, 0);
  drain(hub, 1);
  deepStrictEqual(peer.frameSizes(), [PACKETS_PER_MESSAGE, PACKETS_PER_MESSAGE, PACKETS_PER_MESSAGE]);
});
