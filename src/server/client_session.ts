/**
 * One connected WebSocket client: which source it watches, how far it has been sent, and its bounded queue of
 * control messages. Packet data is never queued per client: each tick pulls batches from the source's ring at the
 * client's cursor, so a replay of the whole ring costs no per-client memory and loses nothing the ring still holds.
 * @module
 */

import type { ClientStats } from "../wire/messages.ts";

/** What the session logic needs of a socket; tests pass a fake. */
export interface Peer {
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code: number, reason: string): void;
  /** Bytes handed to the socket and not yet written to the network. */
  readonly buffered: number;
  readonly open: boolean;
}

export class ClientSession {
  /** Source this client watches, or -1 before it picks one. */
  source = -1;
  /** Next packet id to send. */
  cursor = 0;
  /** Ids from here on arrived live after the client subscribed; ids before it are the replay of the ring. */
  liveFrom = 0;
  readonly control: Uint8Array<ArrayBuffer>[] = [];
  readonly stats: ClientStats = { droppedPackets: 0, droppedMessages: 0, badRequests: 0 };
  /** Ticks skipped because the socket still held too many unsent bytes. */
  stalledTicks = 0;

  constructor(readonly id: number, readonly peer: Peer, readonly maxQueue: number) {}

  /** Queues a control message; when the queue is full the new message is dropped and counted. */
  enqueue(msg: Uint8Array<ArrayBuffer>): boolean {
    if (this.control.length >= this.maxQueue) {
      this.stats.droppedMessages++;
      return false;
    }
    this.control.push(msg);
    return true;
  }

  /** Starts sending `source` from `firstId` (the oldest packet held), then live packets. */
  subscribe(source: number, firstId: number, nextId: number): void {
    this.source = source;
    this.cursor = firstId;
    this.liveFrom = nextId;
  }
}
