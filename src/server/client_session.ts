/**
 * One connected WebSocket client: which source it watches, how far it has been sent, its replay, its bounded live
 * queue and its bounded queue of control messages.
 *
 * Packets are never copied per client. The replay is a range of ring ids the tick streams in chunks while the socket
 * drains; the live queue holds ranges of ring ids, at most `maxQueue` packets, and gaps where the full queue refused
 * packets. Each gap becomes a `dropped` notice when the send position reaches it, so the client learns what it
 * missed exactly where it happened.
 * @module
 */

import type { ClientStats } from "../wire/messages.ts";
import { RateLimitedWarning } from "../log.ts";

/** What the session logic needs of a socket; tests pass a fake. */
export interface Peer {
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code: number, reason: string): void;
  /** Bytes handed to the socket and not yet written to the network. */
  readonly buffered: number;
  readonly open: boolean;
}

/** An entry of the live queue: ids `[start, end)` admitted (`gap` false) or refused by the full queue (`gap` true). */
export interface QueueRun {
  start: number;
  end: number;
  gap: boolean;
}

export class ClientSession {
  /** Source this client watches, or -1 before it picks one. */
  source = -1;
  /** Next packet id to send. */
  cursor = 0;
  /** Ids below this are the replay of what the ring held when the client subscribed. */
  replayEnd = 0;
  /** Whether `replay-done` is still owed. */
  replayPending = false;
  /** Live packets admitted and not yet sent. */
  queued = 0;
  /** The live queue, oldest first; contiguous runs of the same kind are merged. */
  readonly runs: QueueRun[] = [];
  readonly control: Uint8Array<ArrayBuffer>[] = [];
  readonly stats: ClientStats = {
    droppedPackets: 0,
    droppedQueueFull: 0,
    queued: 0,
    droppedMessages: 0,
    badRequests: 0,
  };
  /** Ticks skipped because the socket still held too many unsent bytes. */
  stalledTicks = 0;
  /** "Client queue full, dropping message", summed and logged at most every 5 s for this client. */
  readonly queueFullWarning = new RateLimitedWarning("Client queue full, dropping message");
  /** Requests in the current rate window, and when it started. */
  requestsInWindow = 0;
  requestWindowStartMs = 0;

  constructor(
    readonly id: number,
    readonly peer: Peer,
    public maxQueue: number,
    /** Whether frames to this client may be deflated. */
    readonly compression: boolean,
  ) {}

  /** Queues a control message; when the queue is full the new message is dropped and counted. */
  enqueue(msg: Uint8Array<ArrayBuffer>): boolean {
    if (this.control.length >= this.maxQueue) {
      this.stats.droppedMessages++;
      return false;
    }
    this.control.push(msg);
    return true;
  }

  /** Starts streaming `source` from `firstId` (the oldest packet held) to `nextId`; live packets follow. */
  subscribe(source: number, firstId: number, nextId: number): void {
    this.source = source;
    this.cursor = firstId;
    this.replayEnd = nextId;
    this.replayPending = true;
    this.runs.length = 0;
    this.queued = 0;
  }

  /** Whether this client has packets or notices waiting. */
  get hasWork(): boolean {
    return this.control.length > 0 || this.replayPending || this.runs.length > 0;
  }

  /**
   * Offers live packets `[from, to)`: admits as many as the queue has room for, and records the rest as a gap.
   * Returns how many were refused.
   */
  admit(from: number, to: number): number {
    const room = Math.max(0, this.maxQueue - this.queued);
    const take = Math.min(room, to - from);
    if (take > 0) this.#push(from, from + take, false);
    if (from + take < to) this.#push(from + take, to, true);
    this.queued += take;
    this.stats.queued = this.queued;
    const refused = to - from - take;
    if (refused > 0) {
      this.stats.droppedQueueFull += refused;
      this.stats.droppedPackets += refused;
    }
    return refused;
  }

  /** Removes the first `n` ids of the head run (which must hold that many). */
  consumeHead(n: number): void {
    const head = this.runs[0]!;
    head.start += n;
    if (!head.gap) {
      this.queued -= n;
      this.stats.queued = this.queued;
    }
    if (head.start >= head.end) this.runs.shift();
  }

  #push(start: number, end: number, gap: boolean): void {
    const last = this.runs[this.runs.length - 1];
    if (last && last.gap === gap && last.end === start) last.end = end;
    else this.runs.push({ start, end, gap });
  }
}
