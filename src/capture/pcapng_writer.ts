/**
 * A small pcapng writer (draft-ietf-opsawg-pcapng): one Section Header Block, Interface Description Blocks with a
 * name, and Enhanced Packet Blocks with an optional comment. Little-endian, microsecond timestamps (the default
 * `if_tsresol`). Blocks are built as byte arrays and handed to a sink, so the caller decides where they go.
 *
 * Written by hand rather than taken from npm: the few pcapng packages there are unmaintained or read-only, and the
 * three block types we need fit in a page.
 * @module
 */
// This module is browser compatible.

const BLOCK_SHB = 0x0a0d0d0a; // §4.1
const BLOCK_IDB = 0x00000001; // §4.2
const BLOCK_EPB = 0x00000006; // §4.3
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1; // §3.5
const SHB_USERAPPL = 4; // §4.1
const IF_NAME = 2; // §4.2

const encoder = new TextEncoder();

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Options as code + UTF-8 value, ended by opt_endofopt; empty when there are none. */
function optionBytes(options: [number, string][]): Uint8Array {
  if (options.length === 0) return new Uint8Array(0);
  const values = options.map(([code, text]) => [code, encoder.encode(text)] as const);
  const size = values.reduce((s, [, v]) => s + 4 + pad4(v.length), 0) + 4;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [code, v] of values) {
    view.setUint16(at, code, true);
    view.setUint16(at + 2, v.length, true);
    out.set(v, at + 4);
    at += 4 + pad4(v.length);
  }
  view.setUint16(at, OPT_ENDOFOPT, true);
  return out;
}

/** A block: type, total length, `body`, total length again. */
function block(type: number, body: Uint8Array): Uint8Array {
  const total = 12 + body.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  out.set(body, 8);
  view.setUint32(total - 4, total, true);
  return out;
}

/**
 * Writes a pcapng stream block by block.
 *
 * @example Two packets on an interface named "outgoing"
 * ```ts
 * import { PcapngWriter } from "./pcapng_writer.ts";
 * import { strictEqual } from "node:assert/strict";
 * const blocks: Uint8Array[] = [];
 * const w = new PcapngWriter((b) => blocks.push(b), "netpix");
 * const out = w.addInterface(228, "outgoing");
 * w.writePacket(out, 1_700_000_000_000_000, new Uint8Array(20), 20, "first");
 * strictEqual(blocks.length, 3); // SHB, IDB, EPB
 * ```
 */
export class PcapngWriter {
  #interfaces = 0;

  /**
   * Writes the Section Header Block.
   * @param sink Receives each block's bytes, in order.
   * @param application Recorded as `shb_userappl`.
   */
  constructor(readonly sink: (block: Uint8Array) => void, application: string) {
    const opts = optionBytes([[SHB_USERAPPL, application]]);
    const body = new Uint8Array(16 + opts.length);
    const view = new DataView(body.buffer);
    view.setUint32(0, BYTE_ORDER_MAGIC, true);
    view.setUint16(4, 1, true); // major version
    view.setUint16(6, 0, true); // minor version
    view.setBigInt64(8, -1n, true); // section length not given
    body.set(opts, 16);
    sink(block(BLOCK_SHB, body));
  }

  /**
   * Writes an Interface Description Block.
   * @param linkType `LINKTYPE_*` of its packets.
   * @param name `if_name`.
   * @param snaplen Largest captured length (0: no limit).
   * @returns The interface id for {@linkcode writePacket}.
   */
  addInterface(linkType: number, name: string, snaplen = 0): number {
    const opts = optionBytes([[IF_NAME, name]]);
    const body = new Uint8Array(8 + opts.length);
    const view = new DataView(body.buffer);
    view.setUint16(0, linkType, true);
    view.setUint32(4, snaplen, true);
    body.set(opts, 8);
    this.sink(block(BLOCK_IDB, body));
    return this.#interfaces++;
  }

  /**
   * Writes an Enhanced Packet Block.
   * @param iface An id from {@linkcode addInterface}.
   * @param timeUs Microseconds since the Unix epoch.
   * @param data The captured bytes.
   * @param originalLength The packet's length on the wire (≥ `data.length`).
   * @param comment An `opt_comment`, or none.
   */
  writePacket(iface: number, timeUs: number, data: Uint8Array, originalLength: number, comment?: string): void {
    const opts = optionBytes(comment === undefined ? [] : [[OPT_COMMENT, comment]]);
    const body = new Uint8Array(20 + pad4(data.length) + opts.length);
    const view = new DataView(body.buffer);
    const t = BigInt(Math.max(0, Math.round(timeUs)));
    view.setUint32(0, iface, true);
    view.setUint32(4, Number(t >> 32n), true);
    view.setUint32(8, Number(t & 0xffffffffn), true);
    view.setUint32(12, data.length, true);
    view.setUint32(16, Math.max(originalLength, data.length), true);
    body.set(data, 20);
    body.set(opts, 20 + pad4(data.length));
    this.sink(block(BLOCK_EPB, body));
  }
}
