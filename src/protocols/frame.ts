/**
 * Link, IP and transport framing of captured packets: the first step of every netpix pipeline.
 *
 * One {@linkcode FrameDecoder} per pipeline decodes each captured record in place: it finds the link header
 * ({@linkcode LinkType}), any 802.1Q/802.1ad tags, the IPv4 header or the IPv6 header with its extension headers, and
 * the UDP or TCP header, and leaves offsets into the record's bytes. It never throws on bad bytes, never reads past
 * them and allocates nothing per frame. The reasons a frame stops short are {@linkcode FrameStatus} values.
 *
 * Layers live in their own modules: `link/` (ethernet, vlan, sll, null, raw, linktype), `ip/` (ipv4, ipv6, address),
 * `transport/` (udp, tcp). All of them are browser-compatible and use no Deno API.
 *
 * @example Decode one frame and print its flow
 * ```ts
 * import { FrameDecoder, FrameStatus, formatAddress } from "./frame.ts";
 * import { strictEqual } from "node:assert/strict";
 * // Raw IPv4 (LINKTYPE_RAW): 192.0.2.1:40001 -> 192.0.2.2:40000, 4 bytes of UDP payload.
 * const frame = new Uint8Array([
 *   0x45, 0, 0, 32, 0, 0, 0x40, 0, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2,
 *   0x9c, 0x41, 0x9c, 0x40, 0, 12, 0, 0, 0x6e, 0x65, 0x74, 0x70,
 * ]);
 * const d = new FrameDecoder();
 * strictEqual(d.decode(frame, 101), FrameStatus.Ok);
 * strictEqual(`${formatAddress(frame, d.srcAddrOffset, 4)}:${d.srcPort}`, "192.0.2.1:40001");
 * strictEqual(d.payloadLength, 4);
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { FrameStatus } from "./status.ts";
import { type LinkFields, LinkNext } from "./link/_next.ts";
import { LinkType } from "./link/linktype.ts";
import { decodeEthernet } from "./link/ethernet.ts";
import { decodeSll, decodeSll2 } from "./link/sll.ts";
import { decodeLoop, decodeNull } from "./link/null.ts";
import { decodeRaw } from "./link/raw.ts";
import { decodeNetpixEventLog } from "./link/netpix_event_log.ts";
import type { IpFields } from "./ip/_fields.ts";
import { decodeIpv4 } from "./ip/ipv4.ts";
import { decodeIpv6 } from "./ip/ipv6.ts";
import type { TransportFields } from "./transport/_fields.ts";
import { decodeUdp } from "./transport/udp.ts";
import { decodeTcp } from "./transport/tcp.ts";

export { FRAME_STATUS_NAMES, FrameStatus, FrameStatusCounters } from "./status.ts";
export { LinkType, linkTypeName } from "./link/linktype.ts";
export { formatAddress } from "./ip/address.ts";
export { describeFrame } from "./describe.ts";
export { TcpFlag } from "./transport/tcp.ts";

/**
 * Reusable decoder of one captured frame at a time. `decode()` overwrites every field; read them before the next
 * call. Offsets index the `bytes` passed to `decode()`.
 *
 * Which fields are meaningful:
 * - Link fields (`vlanCount`, `outerVlanId`, `innerVlanId`, `etherType`, `ipOffset`) whenever the link header was
 *   read; for {@linkcode FrameStatus.NotIp}, `payloadOffset`/`payloadLength` cover what follows the link header.
 * - IP fields once `ipVersion` is 4 or 6; addresses, `ttl` and `ipProtocol` are -1 until the fixed IP header is read.
 * - `transport`, ports and `tcpFlags` once the fixed UDP/TCP header is read; TCP keeps them even when its options are
 *   cut (status `Truncated`).
 * - `payloadOffset`/`payloadLength` for `Ok` (transport payload, or the IP payload for other protocols),
 *   `NonFirstFragment` (the fragment data) and `NotIp`; 0/0 for the other statuses. The length is clamped to the
 *   captured bytes, and `truncated` says when that cut something off.
 *
 * @example Count outcomes over a batch
 * ```ts
 * import { FrameDecoder, FrameStatusCounters } from "./frame.ts";
 * import { strictEqual } from "node:assert/strict";
 * const decoder = new FrameDecoder();
 * const counters = new FrameStatusCounters();
 * for (const frame of [new Uint8Array(0), new Uint8Array([0x60])]) counters.add(decoder.decode(frame, 101));
 * strictEqual(counters.toJSON()["truncated"], 2);
 * ```
 */
export class FrameDecoder implements LinkFields, IpFields, TransportFields {
  /** What the last `decode()` returned. */
  status: FrameStatus = FrameStatus.Ok;
  /** The link type passed to the last `decode()`. */
  linkType = -1;
  /** Number of 802.1Q/802.1ad tags (Ethernet, Linux SLL). */
  vlanCount = 0;
  /** VLAN ID of the outermost tag, or -1. */
  outerVlanId = -1;
  /** VLAN ID of the second tag, or -1. */
  innerVlanId = -1;
  /** EtherType after the tags (SLL: the protocol field; 802.3 frames: their length field); 0 for links without one. */
  etherType = 0;
  /** 4 or 6 once the version nibble matched; 0 otherwise. */
  ipVersion: 0 | 4 | 6 = 0;
  /** Start of the network-layer header. */
  ipOffset = 0;
  /** IPv4: IHL × 4. IPv6: 40 plus every extension header walked (the Fragment header included). */
  ipHeaderLength = 0;
  /** First byte of the source address (4 or 16 bytes), or -1. */
  srcAddrOffset = -1;
  /** First byte of the destination address (4 or 16 bytes), or -1. */
  dstAddrOffset = -1;
  /** Upper-layer protocol after the extension headers; for a non-first IPv6 fragment, its Fragment header's. -1 if none. */
  ipProtocol = -1;
  /** IPv4 TTL or IPv6 Hop Limit, or -1. */
  ttl = -1;
  /** The packet is a fragment (IPv4 MF or offset; IPv6 Fragment header with M or an offset). */
  fragmented = false;
  /** 17 (UDP) or 6 (TCP) once that header was read; 0 otherwise (see `ipProtocol`). */
  transport: 0 | 6 | 17 = 0;
  /** Source port, or -1. */
  srcPort = -1;
  /** Destination port, or -1. */
  dstPort = -1;
  /** TCP flags (12 bits, see {@linkcode TcpFlag}), or -1 unless TCP. */
  tcpFlags = -1;
  /** Start of the payload (see the class doc for which payload). */
  payloadOffset = 0;
  /** Payload length, clamped to the captured bytes. */
  payloadLength = 0;
  /** Fewer bytes were captured than the headers (or `originalLength`) say the frame had. */
  truncated = false;

  /**
   * Decodes one frame.
   *
   * @param bytes The captured bytes of one record (a view; not copied, not kept).
   * @param linkType The capture's `LINKTYPE_*` number (see {@linkcode LinkType}).
   * @param originalLength Length of the frame on the wire, when the capture says; above `bytes.length` it marks the
   *   frame `truncated` even if no header says so.
   * @returns The status, also left in `status`.
   */
  decode(bytes: Uint8Array, linkType: number, originalLength: number = bytes.length): FrameStatus {
    this.linkType = linkType;
    this.vlanCount = 0;
    this.outerVlanId = -1;
    this.innerVlanId = -1;
    this.etherType = 0;
    this.ipVersion = 0;
    this.ipOffset = 0;
    this.ipHeaderLength = 0;
    this.srcAddrOffset = -1;
    this.dstAddrOffset = -1;
    this.ipProtocol = -1;
    this.ttl = -1;
    this.fragmented = false;
    this.transport = 0;
    this.srcPort = -1;
    this.dstPort = -1;
    this.tcpFlags = -1;
    this.payloadOffset = 0;
    this.payloadLength = 0;
    this.truncated = originalLength > bytes.length;

    let next: LinkNext;
    switch (linkType) {
      case LinkType.Ethernet:
        next = decodeEthernet(bytes, this);
        break;
      case LinkType.LinuxSll:
        next = decodeSll(bytes, this);
        break;
      case LinkType.LinuxSll2:
        next = decodeSll2(bytes, this);
        break;
      case LinkType.Raw:
      case LinkType.RawDlt12:
      case LinkType.RawDlt14:
      case LinkType.Ipv4:
      case LinkType.Ipv6:
        next = decodeRaw(bytes, linkType, this);
        break;
      case LinkType.NetpixEventLog:
        next = decodeNetpixEventLog(bytes, this);
        break;
      case LinkType.Null:
        next = decodeNull(bytes, this);
        break;
      case LinkType.Loop:
        next = decodeLoop(bytes, this);
        break;
      default:
        return this.finish(bytes.length, FrameStatus.UnsupportedLinkType);
    }

    let status: FrameStatus;
    switch (next) {
      case LinkNext.Truncated:
        return this.finish(bytes.length, FrameStatus.Truncated);
      case LinkNext.NotIp:
        this.payloadOffset = this.ipOffset;
        this.payloadLength = bytes.length - this.ipOffset;
        return this.finish(bytes.length, FrameStatus.NotIp);
      case LinkNext.Ipv4:
        status = decodeIpv4(bytes, this.ipOffset, this);
        break;
      case LinkNext.Ipv6:
        status = decodeIpv6(bytes, this.ipOffset, this);
        break;
      default: {
        const version = this.ipOffset < bytes.length ? bytes[this.ipOffset]! >> 4 : -1;
        if (version === 4) status = decodeIpv4(bytes, this.ipOffset, this);
        else if (version === 6) status = decodeIpv6(bytes, this.ipOffset, this);
        else status = version < 0 ? FrameStatus.Truncated : FrameStatus.BadIpVersion;
      }
    }
    if (status === FrameStatus.Ok) {
      if (this.ipProtocol === 17) status = decodeUdp(bytes, this);
      else if (this.ipProtocol === 6) status = decodeTcp(bytes, this);
    }
    return this.finish(bytes.length, status);
  }

  private finish(captured: number, status: FrameStatus): FrameStatus {
    if (status === FrameStatus.Ok || status === FrameStatus.NonFirstFragment || status === FrameStatus.NotIp) {
      const available = captured - this.payloadOffset;
      if (this.payloadLength > available) {
        this.truncated = true;
        this.payloadLength = available > 0 ? available : 0;
      }
    } else {
      if (status === FrameStatus.Truncated) this.truncated = true;
      this.payloadOffset = 0;
      this.payloadLength = 0;
    }
    this.status = status;
    return status;
  }
}
