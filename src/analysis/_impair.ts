/**
 * Network impairments applied to a real RTP capture, for tests only. Each function takes the packets of one stream in
 * capture order and returns a new list (the input is never modified). Unless a function says otherwise, the arrival
 * times stay in increasing order, as a capture on the receiver would show them.
 *
 * @module
 */

import {
  arrivalUnits,
  clonePacket,
  type RtpPacket,
  seqOf,
  setArrivalUnits,
  setMarker,
  setPayloadType,
  setSeq,
  setTimestamp,
  timestampOf,
} from "./_rtp_capture.ts";

/** An impairment: packets in capture order in, packets in capture order out. */
export type Impairment = (packets: readonly RtpPacket[], ctx: ImpairContext) => RtpPacket[];

/** What an impairment may use. */
export interface ImpairContext {
  /** Seeded uniform random numbers in [0, 1). */
  random: () => number;
  /** Timestamp precision of the capture: arrival units are ns when true, µs otherwise. */
  nanosecond: boolean;
}

function unitsPerMs(ctx: ImpairContext): number {
  return ctx.nanosecond ? 1e6 : 1e3;
}

/** Keeps the packets in the same time slots but puts `order[i]`'s bytes into slot `i` (a pure reordering). */
function reorder(packets: readonly RtpPacket[], order: readonly number[], ctx: ImpairContext): RtpPacket[] {
  return order.map((from, slot) => {
    const p = clonePacket(packets[from]!);
    setArrivalUnits(p, arrivalUnits(packets[slot]!, ctx.nanosecond), ctx.nanosecond);
    return p;
  });
}

/** No change (a copy). */
export const unimpaired: Impairment = (packets) => packets.map(clonePacket);

/** Drops each packet with probability `fraction`. */
export function dropRandom(fraction: number): Impairment {
  return (packets, ctx) => packets.filter(() => ctx.random() >= fraction).map(clonePacket);
}

/** Drops `count` packets in a row from index `start`. */
export function dropBurst(start: number, count: number): Impairment {
  return (packets) => packets.filter((_, i) => i < start || i >= start + count).map(clonePacket);
}

/** Duplicates each packet with probability `fraction`; the copy arrives one time unit later (never after the next). */
export function duplicateRandom(fraction: number): Impairment {
  return (packets, ctx) => {
    const out: RtpPacket[] = [];
    packets.forEach((p, i) => {
      out.push(clonePacket(p));
      if (ctx.random() >= fraction) return;
      const copy = clonePacket(p);
      const next = packets[i + 1];
      const at = arrivalUnits(p, ctx.nanosecond) + 1;
      setArrivalUnits(copy, next ? Math.min(at, arrivalUnits(next, ctx.nanosecond)) : at, ctx.nanosecond);
      out.push(copy);
    });
    return out;
  };
}

/**
 * Copies of packets `start … start+count−1` arrive again right after packet `start+count+after` (a retransmitting
 * middlebox, or a capture of two mirrored ports).
 */
export function lateDuplicates(start: number, count: number, after: number): Impairment {
  return (packets, ctx) => {
    const out = packets.map(clonePacket);
    const anchor = out[start + count + after];
    if (!anchor) return out;
    const base = arrivalUnits(anchor, ctx.nanosecond);
    const copies = packets.slice(start, start + count).map((p, k) => {
      const c = clonePacket(p);
      setArrivalUnits(c, base + 1 + k, ctx.nanosecond);
      return c;
    });
    out.splice(start + count + after + 1, 0, ...copies);
    return out;
  };
}

/** Swaps `pairs` random pairs of neighbours (not the first or last two packets), keeping the arrival time slots. */
export function swapNeighbours(pairs: number): Impairment {
  return (packets, ctx) => {
    const order = packets.map((_, i) => i);
    for (let k = 0; k < pairs; k++) {
      const i = 2 + Math.floor(ctx.random() * (packets.length - 5));
      [order[i], order[i + 1]] = [order[i + 1]!, order[i]!];
    }
    return reorder(packets, order, ctx);
  };
}

/** Packet `index` arrives `by` packets later (`by` < 0: earlier), keeping the arrival time slots. */
export function move(index: number, by: number): Impairment {
  return (packets, ctx) => {
    const order = packets.map((_, i) => i);
    const [moved] = order.splice(index, 1);
    order.splice(index + by, 0, moved!);
    return reorder(packets, order, ctx);
  };
}

/**
 * Every packet from index `from` on is delayed by a uniform random 0 … `maxMs`; the capture is then sorted by arrival
 * (which reorders).
 */
export function delayJitter(maxMs: number, from = 0): Impairment {
  return (packets, ctx) =>
    packets.map((p, i) => {
      const c = clonePacket(p);
      const delay = i < from ? 0 : Math.round(ctx.random() * maxMs * unitsPerMs(ctx));
      setArrivalUnits(c, arrivalUnits(p, ctx.nanosecond) + delay, ctx.nanosecond);
      return c;
    }).sort((a, b) => arrivalUnits(a, ctx.nanosecond) - arrivalUnits(b, ctx.nanosecond));
}

/**
 * The path stalls for `ms` from packet `start`'s arrival: every packet due in that window is released at its end, in
 * order, 10 µs apart (a FIFO queue behind a stalled link).
 */
export function delaySpike(start: number, ms: number): Impairment {
  return (packets, ctx) => {
    const out = packets.map(clonePacket);
    const first = out[start];
    if (!first) return out;
    const from = arrivalUnits(first, ctx.nanosecond);
    const release = from + ms * unitsPerMs(ctx);
    let k = 0;
    for (const p of out) {
      const t = arrivalUnits(p, ctx.nanosecond);
      if (t >= from && t < release) setArrivalUnits(p, release + (k++) * 10 * (unitsPerMs(ctx) / 1000), ctx.nanosecond);
    }
    return out;
  };
}

/** Renumbers the stream so that its first packet has sequence number `firstSeq` (mod 2^16). */
export function renumber(firstSeq: number): Impairment {
  return (packets) => {
    const base = packets[0] ? seqOf(packets[0]) : 0;
    return packets.map((p) => {
      const c = clonePacket(p);
      setSeq(c, seqOf(p) - base + firstSeq);
      return c;
    });
  };
}

/** From packet `index` on, sequence numbers jump by `by` (a sender that restarted its numbering). */
export function seqJump(index: number, by: number): Impairment {
  return (packets) =>
    packets.map((p, i) => {
      const c = clonePacket(p);
      if (i >= index) setSeq(c, seqOf(p) + by);
      return c;
    });
}

/** Shifts every RTP timestamp so that the first one is `firstTimestamp` (mod 2^32). */
export function retimestamp(firstTimestamp: number): Impairment {
  return (packets) => {
    const base = packets[0] ? timestampOf(packets[0]) : 0;
    return packets.map((p) => {
      const c = clonePacket(p);
      setTimestamp(c, timestampOf(p) - base + firstTimestamp);
      return c;
    });
  };
}

/** Packets `start … start+count−1` get payload type `payloadType` (a codec switch, or comfort noise with 13). */
export function payloadTypeRun(start: number, count: number, payloadType: number): Impairment {
  return (packets) =>
    packets.map((p, i) => {
      const c = clonePacket(p);
      if (i >= start && i < start + count) setPayloadType(c, payloadType);
      return c;
    });
}

/** Sets the marker bit of each packet with probability `fraction`. */
export function setMarkersRandom(fraction: number): Impairment {
  return (packets, ctx) =>
    packets.map((p) => {
      const c = clonePacket(p);
      if (ctx.random() < fraction) setMarker(c, true);
      return c;
    });
}

/** Clears the marker bit of every packet but the first (RFC 7587 §4.1: M only at the start of a talkspurt). */
export const clearMarkers: Impairment = (packets) =>
  packets.map((p, i) => {
    const c = clonePacket(p);
    if (i > 0) setMarker(c, false);
    return c;
  });

/** Applies impairments one after the other. */
export function chain(...steps: Impairment[]): Impairment {
  return (packets, ctx) => steps.reduce<RtpPacket[]>((ps, step) => step(ps, ctx), packets.map(clonePacket));
}
