import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { Hub, PACKETS_PER_MESSAGE } from "./hub.ts";
import type { Peer } from "./client_session.ts";
import { CaptureSource } from "../capture/source.ts";
import { type ControlMessage, decodeServerMessage, parseClientRequest, type ServerLimits } from "../wire/messages.ts";
import { setLogSink } from "../log.ts";

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
  controls(): ControlMessage[] {
    return this.sent.flatMap((m) => {
      const d = decodeServerMessage(m);
      return d.kind === "control" ? [d.message] : [];
    });
  }
  /** Ids of every packet received, in arrival order. */
  packetIds(): number[] {
    return this.sent.flatMap((m) => {
      const d = decodeServerMessage(m);
      return d.kind === "packets" ? Array.from({ length: d.count }, (_, k) => d.firstId + k) : [];
    });
  }
}

const LIMITS: ServerLimits = {
  maxClients: 2,
  maxClientQueueSize: 4,
  messageBatchSize: 3,
  messageIntervalMs: 5,
  bufferSize: 10_000,
  maximumPacketAgeS: 300,
};

function sourceWith(packets: number, maxPackets = 10_000): CaptureSource {
  const s = new CaptureSource(0, "file", "test.pcap", null, {
    maxPackets,
    maxBytes: 1 << 24,
    maximumPacketAgeS: 0,
    promisc: false,
  });
  addPackets(s, packets);
  return s;
}

function addPackets(s: CaptureSource, n: number): void {
  const f = new Uint8Array(60);
  for (let i = 0; i < n; i++) s.store.append(f, 0, f.length, 0, 0, 60, 0);
}

function drain(hub: Hub, ticks: number): void {
  for (let i = 0; i < ticks; i++) hub.tick();
}

Deno.test("Hub greets a client with the sources and replays the ring in order, then live packets", () => {
  const source = sourceWith(2000);
  const hub = new Hub([source], LIMITS);
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  const hello = peer.controls()[0]!;
  strictEqual(hello.type, "hello");
  if (hello.type === "hello") strictEqual(hello.sources[0]!.name, "test.pcap");
  hub.request(client, parseClientRequest('{"type":"select","source":0}'));
  drain(hub, 10);
  addPackets(source, 700);
  drain(hub, 10);
  deepStrictEqual(peer.packetIds(), Array.from({ length: 2700 }, (_, i) => i + 1));
  ok(peer.controls().some((m) => m.type === "selected"));
});

Deno.test("Hub sends at most --message-batch-size messages per client per tick", () => {
  const hub = new Hub([sourceWith(PACKETS_PER_MESSAGE * 10)], LIMITS);
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  hub.request(client, { type: "select", source: 0 });
  peer.sent = [];
  hub.tick();
  strictEqual(peer.sent.length, LIMITS.messageBatchSize);
});

Deno.test("Hub encodes a batch once and shares it between clients at the same position", () => {
  const hub = new Hub([sourceWith(100)], LIMITS);
  const a = new FakePeer();
  const b = new FakePeer();
  for (const p of [a, b]) hub.request(hub.connect(p)!, { type: "select", source: 0 });
  drain(hub, 2);
  const batchOf = (p: FakePeer) => p.sent.find((m) => decodeServerMessage(m).kind === "packets");
  ok(batchOf(a) !== undefined && batchOf(a) === batchOf(b), "the same Uint8Array goes to both");
});

Deno.test("Hub rejects a client beyond --max-clients with an error message and a close", () => {
  const hub = new Hub([sourceWith(0)], LIMITS);
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
  const hub = new Hub([sourceWith(0)], LIMITS);
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  hub.request(client, parseClientRequest("{not json"));
  hub.request(client, parseClientRequest('{"type":"select","source":9}'));
  hub.request(client, parseClientRequest('{"type":"launch"}'));
  drain(hub, 1);
  const errors = peer.controls().filter((m) => m.type === "error");
  deepStrictEqual(errors.map((e) => e.type === "error" && e.code), ["bad-request", "unknown-source", "bad-request"]);
  strictEqual(client.stats.badRequests, 2);
});

Deno.test("Hub tells a client how many packets the ring evicted before it could send them", () => {
  const source = sourceWith(50, 100);
  const hub = new Hub([source], LIMITS);
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  hub.request(client, { type: "select", source: 0 });
  addPackets(source, 120); // ids 1..170, ring keeps 71..170
  drain(hub, 5);
  const dropped = peer.controls().find((m) => m.type === "dropped");
  deepStrictEqual(dropped, { type: "dropped", source: 0, fromId: 1, count: 70, reason: "evicted" });
  deepStrictEqual(peer.packetIds(), Array.from({ length: 100 }, (_, i) => i + 71));
  strictEqual(client.stats.droppedPackets, 70);
});

Deno.test("Hub skips the oldest live packets of a client that falls more than its queue bound behind", () => {
  const source = sourceWith(0);
  const hub = new Hub([source], { ...LIMITS, maxClientQueueSize: 2 });
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  hub.request(client, { type: "select", source: 0 });
  addPackets(source, PACKETS_PER_MESSAGE * 5);
  drain(hub, 5);
  const dropped = peer.controls().find((m) => m.type === "dropped");
  ok(dropped?.type === "dropped" && dropped.reason === "queue-full");
  if (dropped?.type === "dropped") strictEqual(dropped.count, PACKETS_PER_MESSAGE * 3);
  strictEqual(peer.packetIds().length, PACKETS_PER_MESSAGE * 2);
});

Deno.test("Hub holds back a client whose socket has not drained, without losing its place", () => {
  const hub = new Hub([sourceWith(10)], LIMITS);
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  hub.request(client, { type: "select", source: 0 });
  peer.buffered = 64 << 20;
  drain(hub, 3);
  strictEqual(peer.packetIds().length, 0);
  strictEqual(client.stalledTicks, 3);
  peer.buffered = 0;
  drain(hub, 2);
  strictEqual(peer.packetIds().length, 10);
});

Deno.test("Hub drops control messages beyond --max-client-queue-size and counts them", () => {
  const hub = new Hub([sourceWith(0)], LIMITS);
  const peer = new FakePeer();
  const client = hub.connect(peer)!;
  peer.buffered = 64 << 20;
  for (let i = 0; i < 10; i++) hub.request(client, { type: "select", source: 0 });
  strictEqual(client.control.length, LIMITS.maxClientQueueSize);
  strictEqual(client.stats.droppedMessages, 10 - LIMITS.maxClientQueueSize);
});
