/**
 * Reassembly of PSI and private sections from TS packets, per PID (ISO/IEC 13818-1 §2.4.4.1–§2.4.4.2).
 *
 * A section may span packets, and a packet may hold the end of one section and the start of others:
 * ```text
 * TS payload with payload_unit_start_indicator = 1:
 *   pointer_field N | N bytes: the tail of the section begun in an earlier packet | section | section | 0xFF stuffing…
 * TS payload with payload_unit_start_indicator = 0:
 *   the continuation of the section in progress | 0xFF stuffing…
 * ```
 * The N bytes before the first new section complete the previous section (the original tool dropped them). After a
 * section ends, a 0xFF where a table_id would be starts stuffing to the end of the packet.
 *
 * Memory is bounded: a section is at most 4096 bytes and at most `maxPids` PIDs are tracked at once; packets of
 * further PIDs are counted in `untrackedPackets` and dropped.
 *
 * @module
 */
// This module is browser compatible.

import { AdaptationFieldControl, TsPacketReader, TsStatus } from "../packet.ts";
import { crc32Mpeg2 } from "./crc32.ts";
import { MAX_SECTION_BYTES, maxSectionLength } from "./section.ts";

/** A complete section handed to the callback. */
export interface AssembledSection {
  /** The PID it came on. */
  readonly pid: number;
  readonly tableId: number;
  /** The whole section, 3 + section_length bytes: a copy the receiver owns. */
  readonly bytes: Uint8Array;
  /** CRC-32/MPEG-2 check for long-form sections (section_syntax_indicator 1); null for short-form ones. */
  readonly crcOk: boolean | null;
}

/** Default number of PIDs tracked at once. */
export const DEFAULT_MAX_PIDS = 64;

const INITIAL_BUFFER = 1024;

interface PidState {
  buf: Uint8Array;
  /** Bytes of the section in progress in `buf`. */
  have: number;
  /** 3 + section_length once the first 3 bytes are in, -1 before. */
  need: number;
  /** A section is in progress. */
  active: boolean;
  /** continuity_counter of the last packet with payload, -1 before the first. */
  lastCc: number;
}

/**
 * Turns TS packets of PSI PIDs into whole sections. Feed it the packets of the PIDs that carry sections (0, 1, the
 * PMT PIDs, DVB SI PIDs…) with {@linkcode pushPacket} or, when the packet header is already decoded, {@linkcode push};
 * it calls `onSection` for every complete section, with a copy of its bytes.
 *
 * Counters (never reset except by {@linkcode reset}): `sections`, `crcErrors`, `ccErrors` (a gap in the continuity
 * counter, which drops the section in progress), `duplicates` (a repeated counter: the packet is ignored, as
 * ISO/IEC 13818-1 §2.4.3.3 allows one duplicate), `abandoned` (sections in progress that never completed),
 * `lengthErrors` (section_length over the limit for its table_id), `pointerErrors` (pointer_field past the packet),
 * `errorPackets` (transport_error_indicator set, or a packet that does not decode), `untrackedPackets` (PIDs over
 * `maxPids`).
 *
 * @example Reassemble the PAT of tests/testdata/demo.pcap frame 1
 * ```ts
 * import { type AssembledSection, SectionAssembler } from "./assembler.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const packet = new Uint8Array(188).fill(0xff);
 * packet.set([0x47, 0x40, 0x00, 0x10, 0x00, // PID 0, PUSI, CC 0, pointer_field 0
 *   0x00, 0xb0, 0x0d, 0x00, 0x01, 0xc1, 0x00, 0x00, 0x00, 0x01, 0xf0, 0x00, 0x2a, 0xb1, 0x04, 0xb2]);
 * const got: AssembledSection[] = [];
 * const a = new SectionAssembler((s) => got.push(s));
 * a.pushPacket(packet, 0);
 * deepStrictEqual(got.map((s) => [s.pid, s.tableId, s.bytes.length, s.crcOk]), [[0, 0, 16, true]]);
 * ```
 */
export class SectionAssembler {
  sections = 0;
  crcErrors = 0;
  ccErrors = 0;
  duplicates = 0;
  abandoned = 0;
  lengthErrors = 0;
  pointerErrors = 0;
  errorPackets = 0;
  untrackedPackets = 0;

  readonly #onSection: (section: AssembledSection) => void;
  readonly #maxPids: number;
  readonly #pids = new Map<number, PidState>();
  readonly #reader = new TsPacketReader();

  /**
   * @param onSection Called for every complete section (CRC errors included: check `crcOk`).
   * @param maxPids The most PIDs tracked at once.
   */
  constructor(onSection: (section: AssembledSection) => void, maxPids: number = DEFAULT_MAX_PIDS) {
    this.#onSection = onSection;
    this.#maxPids = Math.max(1, maxPids);
  }

  /** Number of PIDs tracked now. */
  get trackedPids(): number {
    return this.#pids.size;
  }

  /**
   * Feeds one 188-byte TS packet. Packets without payload are ignored; bad ones are counted in `errorPackets`.
   * @param bytes The buffer.
   * @param offset Index of the packet's sync byte.
   */
  pushPacket(bytes: Uint8Array, offset: number): void {
    const r = this.#reader;
    if (r.decodeAt(bytes, offset) !== TsStatus.Ok) {
      if (r.status !== TsStatus.ReservedAdaptationFieldControl) this.errorPackets++;
      return;
    }
    if (r.afc === AdaptationFieldControl.AdaptationOnly) return;
    this.push(bytes, r.payloadOffset, r.payloadLength, r.pid, r.pusi, r.cc, r.discontinuity, r.tei);
  }

  /**
   * Feeds the payload of one TS packet whose header the caller decoded. Call it only for packets that carry a payload
   * (adaptation_field_control 1 or 3), since those are the ones the continuity counter counts.
   *
   * @param bytes The buffer.
   * @param payloadOffset Index of the first payload byte.
   * @param payloadLength Payload bytes (0–184).
   * @param pid The packet's PID.
   * @param pusi payload_unit_start_indicator.
   * @param cc continuity_counter.
   * @param discontinuity The adaptation field's discontinuity_indicator.
   * @param tei transport_error_indicator: the payload is dropped and the section in progress with it.
   */
  push(
    bytes: Uint8Array,
    payloadOffset: number,
    payloadLength: number,
    pid: number,
    pusi: boolean,
    cc: number,
    discontinuity: boolean = false,
    tei: boolean = false,
  ): void {
    let st = this.#pids.get(pid);
    if (st === undefined) {
      if (this.#pids.size >= this.#maxPids) {
        this.untrackedPackets++;
        return;
      }
      st = { buf: new Uint8Array(INITIAL_BUFFER), have: 0, need: -1, active: false, lastCc: -1 };
      this.#pids.set(pid, st);
    }
    if (tei) {
      this.errorPackets++;
      this.#abandon(st);
      st.lastCc = -1;
      return;
    }
    cc &= 0x0f;
    if (st.lastCc >= 0) {
      const expected = (st.lastCc + 1) & 0x0f;
      if (cc === st.lastCc && !discontinuity) {
        this.duplicates++;
        return;
      }
      if (cc !== expected) {
        if (!discontinuity) this.ccErrors++;
        this.#abandon(st);
      }
    }
    st.lastCc = cc;

    let p = Math.max(0, payloadOffset);
    const end = Math.min(bytes.length, p + Math.max(0, payloadLength));
    if (!pusi) {
      if (st.active) this.#append(pid, st, bytes, p, end);
      return;
    }
    if (p >= end) {
      this.pointerErrors++;
      this.#abandon(st);
      return;
    }
    const pointer = bytes[p]!;
    p += 1;
    if (p + pointer > end) {
      this.pointerErrors++;
      this.#abandon(st);
      return;
    }
    if (st.active) {
      this.#append(pid, st, bytes, p, p + pointer);
      if (st.active) this.#abandon(st); // the next section starts here, so this one can never complete
    }
    p += pointer;
    while (p < end && bytes[p] !== 0xff) {
      st.active = true;
      st.have = 0;
      st.need = -1;
      const used = this.#append(pid, st, bytes, p, end);
      if (used < 0 || st.active) break;
      p += used;
    }
  }

  /**
   * Stops tracking `pid` (e.g. a PMT PID no longer in the PAT), freeing its buffer.
   * @param pid The PID.
   */
  forget(pid: number): void {
    this.#pids.delete(pid);
  }

  /** Forgets every PID and zeroes the counters. */
  reset(): void {
    this.#pids.clear();
    this.sections = 0;
    this.crcErrors = 0;
    this.ccErrors = 0;
    this.duplicates = 0;
    this.abandoned = 0;
    this.lengthErrors = 0;
    this.pointerErrors = 0;
    this.errorPackets = 0;
    this.untrackedPackets = 0;
  }

  /**
   * The counters as one object.
   * @returns Every counter, zeros included.
   */
  counters(): Record<string, number> {
    return {
      sections: this.sections,
      crcErrors: this.crcErrors,
      ccErrors: this.ccErrors,
      duplicates: this.duplicates,
      abandoned: this.abandoned,
      lengthErrors: this.lengthErrors,
      pointerErrors: this.pointerErrors,
      errorPackets: this.errorPackets,
      untrackedPackets: this.untrackedPackets,
    };
  }

  #abandon(st: PidState): void {
    if (st.active) this.abandoned++;
    st.active = false;
    st.have = 0;
    st.need = -1;
  }

  /** Copies bytes of the section in progress; returns the bytes used, or -1 after a section_length error. */
  #append(pid: number, st: PidState, bytes: Uint8Array, from: number, to: number): number {
    let p = from;
    if (st.need < 0) {
      while (st.have < 3 && p < to) {
        st.buf[st.have++] = bytes[p]!;
        p++;
      }
      if (st.have < 3) return p - from;
      const sectionLength = ((st.buf[1]! & 0x0f) << 8) | st.buf[2]!;
      if (sectionLength > maxSectionLength(st.buf[0]!)) {
        this.lengthErrors++;
        st.active = false;
        st.have = 0;
        return -1;
      }
      st.need = 3 + sectionLength;
      if (st.buf.length < st.need) {
        const grown = new Uint8Array(MAX_SECTION_BYTES);
        grown.set(st.buf.subarray(0, st.have));
        st.buf = grown;
      }
    }
    const n = Math.min(to - p, st.need - st.have);
    if (n > 0) {
      st.buf.set(bytes.subarray(p, p + n), st.have);
      st.have += n;
      p += n;
    }
    if (st.have === st.need) this.#emit(pid, st);
    return p - from;
  }

  #emit(pid: number, st: PidState): void {
    const bytes = st.buf.slice(0, st.need);
    st.active = false;
    st.have = 0;
    st.need = -1;
    let crcOk: boolean | null = null;
    if (bytes[1]! & 0x80) {
      crcOk = bytes.length >= 12 && crc32Mpeg2(bytes) === 0;
      if (!crcOk) this.crcErrors++;
    }
    this.sections++;
    this.#onSection({ pid, tableId: bytes[0]!, bytes, crcOk });
  }
}
