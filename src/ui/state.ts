/**
 * The page's state as signals, and the controller between the WebSocket and the packet store.
 *
 * Preact signals give fine-grained updates: a view reads `modelVersion` and re-renders when it changes, which this
 * module bumps at most once per animation frame however many batches arrived, and not at all during a replay (the
 * replay is decoded as it arrives and painted once `replay-done` comes).
 * @module
 */

import { batch, computed, signal } from "@preact/signals";
import type {
  ClientRequest,
  ClientStats,
  ControlMessage,
  DropReason,
  PacketBatch,
  ServerLimits,
  SourceDescription,
  SourceStats,
} from "../wire/messages.ts";
import { CaptureModel, DEFAULT_PACKET_CAP } from "./model/capture.ts";
import { Connection, type ConnectionState } from "./net/connection.ts";
import { load, save } from "./persist.ts";

export const model = new CaptureModel(Number(load("cap")) > 0 ? Number(load("cap")) : DEFAULT_PACKET_CAP);

export const connState = signal<ConnectionState>({ kind: "connecting", attempt: 0 });
export const serverInfo = signal<{ server: string; limits: ServerLimits; compression: boolean } | null>(null);
export const sources = signal<SourceDescription[]>([]);
export const sourceStats = signal<SourceStats[]>([]);
export const clientStats = signal<ClientStats | null>(null);
export const selectedSource = signal<number>(-1);
/** The replay of the source's ring: packets `[firstId, nextId)`; `active` until `replay-done`. */
export const replay = signal({ active: false, firstId: 0, nextId: 0, received: 0, startedAt: 0, ms: 0, paintedAt: 0 });
export const paused = signal(false);
/** Bumped (once per frame at most) when the packet store changed and views should refresh. */
export const modelVersion = signal(0);
/** Gaps the server reported (`dropped`), newest last, bounded; `droppedTotal` counts every packet. */
export const gaps = signal<{ fromId: number; count: number; reason: DropReason }[]>([]);
export const droppedTotal = signal(0);
/** Packets that arrived while paused and were dropped because the pause queue was full. */
export const pauseDropped = signal(0);
/** Server `error` messages and local problems, newest last. */
export const notices = signal<{ level: "error" | "info"; text: string }[]>([]);
export const settingsNote = signal<string | null>(null);

export const currentSource = computed(() => sources.value.find((s) => s.id === selectedSource.value) ?? null);
export const currentStats = computed(() => sourceStats.value.find((s) => s.id === selectedSource.value) ?? null);

const MAX_GAPS = 50;
const MAX_NOTICES = 20;

export function notice(level: "error" | "info", text: string): void {
  notices.value = [...notices.value.slice(-(MAX_NOTICES - 1)), { level, text }];
}

/** Batches received while paused, applied on resume; bounded by the packet cap. */
let pauseQueue: PacketBatch[] = [];
let pauseQueued = 0;
let frameScheduled = false;
let lastProgress = 0;

function publish(): void {
  if (frameScheduled) return;
  frameScheduled = true;
  requestAnimationFrame(() => {
    frameScheduled = false;
    const r = replay.peek();
    if (r.active) {
      // During a replay only the progress line moves, ten times a second.
      const now = performance.now();
      if (now - lastProgress > 100) {
        lastProgress = now;
        replay.value = { ...r, received: model.packets.length + model.evicted };
      }
      return;
    }
    modelVersion.value = model.version;
    scheduleDerive();
  });
}

let deriveScheduled = false;

/** Builds the deferred protocol rows and plot data in idle time, a few milliseconds at a time. */
function scheduleDerive(): void {
  if (deriveScheduled || model.derived) return;
  deriveScheduled = true;
  const idle = (globalThis as { requestIdleCallback?: (f: () => void) => void }).requestIdleCallback ??
    ((f: () => void) => setTimeout(f, 16));
  idle(() => {
    deriveScheduled = false;
    if (replay.peek().active) return;
    const v = model.version;
    model.derive(8);
    if (model.version !== v) publish();
    else scheduleDerive();
  });
}

function onBatch(b: PacketBatch): void {
  if (b.source !== selectedSource.peek()) return;
  if (paused.peek()) {
    pauseQueue.push(b);
    pauseQueued += b.count;
    while (pauseQueued > model.cap && pauseQueue.length > 1) {
      const old = pauseQueue.shift()!;
      pauseQueued -= old.count;
      pauseDropped.value += old.count;
    }
    return;
  }
  const t0 = performance.now();
  model.ingest(b);
  ingestMs += performance.now() - t0;
  publish();
}

/** Time spent decoding batches since the last `selected` (for the benchmark). */
let ingestMs = 0;
/** Time from `selected` to `replay-done` (for the benchmark). */
let replayDoneMs = 0;

function onControl(m: ControlMessage): void {
  switch (m.type) {
    case "hello": {
      batch(() => {
        serverInfo.value = { server: m.server, limits: m.limits, compression: m.compression };
        sources.value = m.sources;
        notices.value = []; // what the previous connection said no longer holds
      });
      const wanted = restoreSource(m.sources);
      if (wanted !== null) selectSource(wanted);
      else selectedSource.value = -1;
      break;
    }
    case "selected": {
      if (m.source !== selectedSource.peek()) return;
      pauseQueue = [];
      pauseQueued = 0;
      ingestMs = 0;
      model.settings = m.settings;
      model.clear();
      batch(() => {
        gaps.value = [];
        droppedTotal.value = 0;
        pauseDropped.value = 0;
        settingsNote.value = null;
        replay.value = {
          active: m.nextId > m.firstId,
          firstId: m.firstId,
          nextId: m.nextId,
          received: 0,
          startedAt: performance.now(),
          ms: 0,
          paintedAt: 0,
        };
        modelVersion.value = model.version;
      });
      break;
    }
    case "replay-done": {
      if (m.source !== selectedSource.peek()) return;
      const r = replay.peek();
      replayDoneMs = performance.now() - r.startedAt;
      model.feeder.flush();
      replay.value = { ...r, active: false, received: model.packets.length + model.evicted };
      modelVersion.value = model.version;
      scheduleDerive();
      // Replay time: from `selected` to the first paint showing the replayed rows.
      requestAnimationFrame(() =>
        setTimeout(() => {
          const now = performance.now();
          replay.value = { ...replay.peek(), ms: now - r.startedAt, paintedAt: now };
        }, 0)
      );
      break;
    }
    case "settings": {
      if (m.source !== selectedSource.peek()) return;
      model.applySettings(m.settings);
      scheduleDerive();
      settingsNote.value = model.partialAnalysis
        ? `Settings changed: statistics now cover only the ${model.packets.length} retained packets ` +
          `(${model.evicted} were evicted from this page before)`
        : null;
      modelVersion.value = model.version;
      break;
    }
    case "stats":
      batch(() => {
        sourceStats.value = m.sources;
        clientStats.value = m.client;
      });
      break;
    case "dropped":
      if (m.source !== selectedSource.peek()) return;
      batch(() => {
        gaps.value = [...gaps.value.slice(-(MAX_GAPS - 1)), { fromId: m.fromId, count: m.count, reason: m.reason }];
        droppedTotal.value += m.count;
      });
      break;
    case "limits":
      if (serverInfo.value) serverInfo.value = { ...serverInfo.value, limits: m.limits };
      break;
    case "error":
      notice("error", `Server: ${m.message} (${m.code})`);
      break;
  }
}

/** The persisted source (kind + name, so names with spaces restore exactly), else the first. */
function restoreSource(list: SourceDescription[]): number | null {
  const saved = load("source");
  if (saved) {
    try {
      const { kind, name } = JSON.parse(saved) as { kind: string; name: string };
      const hit = list.find((s) => s.kind === kind && s.name === name);
      if (hit) return hit.id;
    } catch { /* an old or foreign value: ignore it */ }
  }
  return list[0]?.id ?? null;
}

export const connection = new Connection(
  `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws`,
  {
    onState: (s) => connState.value = s,
    onControl,
    onBatch,
    onInvalid: (reason) => console.warn(`netpix: ignoring a malformed server message: ${reason}`),
  },
);

export function send(req: ClientRequest): boolean {
  const ok = connection.send(req);
  if (!ok) notice("error", "Not connected: the request was not sent");
  return ok;
}

export function selectSource(id: number): void {
  const s = sources.peek().find((x) => x.id === id);
  if (!s) return;
  selectedSource.value = id;
  save("source", JSON.stringify({ kind: s.kind, name: s.name }));
  send({ type: "select", source: id });
}

export function setPaused(p: boolean): void {
  paused.value = p;
  if (!p) {
    const q = pauseQueue;
    pauseQueue = [];
    pauseQueued = 0;
    for (const b of q) model.ingest(b);
    publish();
  }
}

/** Discards the packets held by this page (statistics start again from the next packet). */
export function clearLocal(): void {
  pauseQueue = [];
  pauseQueued = 0;
  model.clear();
  modelVersion.value = model.version;
}

/** Clears and asks the server for everything it holds again. */
export function refetch(): void {
  if (send({ type: "fetch-all" })) clearLocal();
}

export function setCap(cap: number): void {
  model.setCap(cap);
  save("cap", String(model.cap));
  modelVersion.value = model.version;
}

export function startConnection(): void {
  connection.connect();
}

/** Exposed for the benchmark and tests: timings and counts, read-only. */
(globalThis as Record<string, unknown>).netpixState = {
  get replayMs() {
    return replay.peek().ms;
  },
  /** performance.now() (ms since navigation) when the replayed rows were first painted; 0 before. */
  get replayPaintedAt() {
    return replay.peek().paintedAt;
  },
  get replayDoneMs() {
    return replayDoneMs;
  },
  get ingestMs() {
    return ingestMs;
  },
  get replayActive() {
    return replay.peek().active;
  },
  get packets() {
    return model.packets.length;
  },
  get evicted() {
    return model.evicted;
  },
};
