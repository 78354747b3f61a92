/**
 * The selected packet: its decoded layers as a collapsible tree (whatever the shared decoders return, shown field by
 * field) and a hex dump of the captured bytes.
 * @module
 */

import type { VNode } from "preact";
import { isFailure } from "../../protocols/decode_result.ts";
import { decodeRtp } from "../../protocols/rtp/header.ts";
import { decodeWellKnownExtensions } from "../../protocols/rtp/well_known_extensions.ts";
import { decodeRtcpCompound } from "../../protocols/rtcp/packet.ts";
import { decodeStun } from "../../protocols/stun/message.ts";
import { decodeTsDatagram } from "../../protocols/mpegts/packet.ts";
import { decodeChannelData } from "../../protocols/stun/channel_data.ts";
import { frameInfo, type PacketRow } from "../model/rows.ts";
import { model } from "../state.ts";

/** Hex dump lines of at most this many bytes; longer frames say how much is left out. */
const HEX_LIMIT = 16384;

function formatValue(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) && v > 255 ? `${v} (0x${v.toString(16)})` : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || v === undefined) return String(v);
  return String(v);
}

function bytesPreview(b: Uint8Array): string {
  const head = Array.from(b.subarray(0, 32), (x) => x.toString(16).padStart(2, "0")).join(" ");
  return `${b.length} bytes${b.length ? `: ${head}${b.length > 32 ? " …" : ""}` : ""}`;
}

/** Renders any decoded value as a tree; arrays and objects collapse, typed arrays show their first bytes. */
export function Tree({ label, value, open = false }: { label: string; value: unknown; open?: boolean }): VNode {
  if (value instanceof Uint8Array) {
    return (
      <div class="leaf">
        <span class="k">{label}</span> <span class="v">{bytesPreview(value)}</span>
      </div>
    );
  }
  if (ArrayBuffer.isView(value)) {
    const arr = Array.from(value as unknown as ArrayLike<number>);
    return (
      <div class="leaf">
        <span class="k">{label}</span>{" "}
        <span class="v">[{arr.slice(0, 64).join(", ")}{arr.length > 64 ? ` … ${arr.length} values` : ""}]</span>
      </div>
    );
  }
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value as Record<string, unknown>);
    return (
      <details class="node" open={open}>
        <summary>{label}{Array.isArray(value) ? ` [${value.length}]` : ""}</summary>
        {entries.map(([k, v]) => <Tree key={k} label={k} value={v} />)}
      </details>
    );
  }
  return (
    <div class="leaf">
      <span class="k">{label}</span> <span class="v">{formatValue(value)}</span>
    </div>
  );
}

/** The decoded layers of a packet, by what it is treated as. */
export function decodeLayers(p: PacketRow): [string, unknown][] {
  const layers: [string, unknown][] = [[
    "Frame",
    {
      number: p.id,
      time: p.time,
      captured: `${p.tsSec}.${String(p.tsNsec).padStart(9, "0")}`,
      capturedLength: p.frame.length,
      wireLength: p.origlen,
      link: frameInfo(p),
      source: p.src,
      destination: p.dst,
      transport: p.transport,
      treatedAs: p.treatedAs || "—",
      ...(p.issue ? { problem: p.issue } : {}),
    },
  ]];
  const o = p.payloadOffset;
  const n = p.payloadLength;
  switch (p.treatedAs) {
    case "rtp": {
      const r = decodeRtp(p.frame, o, n);
      layers.push(["RTP", r]);
      if (!isFailure(r) && r.extension) {
        layers.push([
          "RTP header extensions",
          decodeWellKnownExtensions(p.frame, r.extension.elements, model.options.extmap ?? new Map()),
        ]);
      }
      break;
    }
    case "rtcp":
      layers.push(["RTCP", decodeRtcpCompound(p.frame, o, n)]);
      break;
    case "stun":
      layers.push(["STUN", decodeStun(p.frame, o, n)]);
      break;
    case "channel-data":
      layers.push(["TURN ChannelData", decodeChannelData(p.frame, o, n)]);
      break;
    case "mpegts":
      layers.push(["MPEG-TS", decodeTsDatagram(p.frame, o, n)]);
      break;
  }
  return layers;
}

export function HexDump({ bytes, highlight }: { bytes: Uint8Array; highlight?: [number, number] }): VNode {
  const lines: string[] = [];
  const end = Math.min(bytes.length, HEX_LIMIT);
  for (let off = 0; off < end; off += 16) {
    const chunk = bytes.subarray(off, Math.min(off + 16, end));
    const hex = Array.from(chunk, (b) => b.toString(16).padStart(2, "0")).join(" ").padEnd(47, " ");
    const ascii = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    lines.push(`${off.toString(16).padStart(6, "0")}  ${hex}  ${ascii}`);
  }
  if (bytes.length > end) lines.push(`… ${bytes.length - end} more bytes`);
  return (
    <pre class="hex" data-testid="hex" title={highlight ? `payload at ${highlight[0]}, ${highlight[1]} bytes` : ""}>
      {lines.join("\n")}
    </pre>
  );
}

export function PacketDetail({ p, extra }: { p: PacketRow; extra?: VNode | null }): VNode {
  return (
    <div class="packet-detail" data-testid="packet-detail">
      <div class="tree">
        {extra}
        {decodeLayers(p).map(([name, v], i) => <Tree key={name} label={name} value={v} open={i > 0} />)}
      </div>
      <HexDump bytes={p.frame} highlight={[p.payloadOffset, p.payloadLength]} />
    </div>
  );
}
