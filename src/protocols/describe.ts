/**
 * One-line, human-readable summary of a decoded frame's link and IP layers, for tables in the UI and CLI.
 *
 * @module
 */
// This module is browser compatible.

import type { FrameDecoder } from "./frame.ts";
import { FRAME_STATUS_NAMES, FrameStatus } from "./status.ts";
import { LinkType, linkTypeName } from "./link/linktype.ts";
import { ETHERTYPE_MIN } from "./link/vlan.ts";
import { IpProtocol } from "./ip/_fields.ts";
import { TcpFlag } from "./transport/tcp.ts";

const ETHERTYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0806, "ARP"],
  [0x8035, "RARP"],
  [0x22f0, "AVTP"],
  [0x22ea, "SRP"],
  [0x8847, "MPLS"],
  [0x8848, "MPLS multicast"],
  [0x8863, "PPPoE discovery"],
  [0x8864, "PPPoE session"],
  [0x888e, "EAPOL"],
  [0x88cc, "LLDP"],
  [0x88f7, "PTP"],
  [0x8906, "FCoE"],
  [0x893a, "IEEE 1905.1"],
]);

const PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [IpProtocol.Icmp, "ICMP"],
  [IpProtocol.Igmp, "IGMP"],
  [4, "IPv4-in-IP"],
  [IpProtocol.Tcp, "TCP"],
  [IpProtocol.Udp, "UDP"],
  [41, "IPv6-in-IP"],
  [47, "GRE"],
  [IpProtocol.Esp, "ESP"],
  [IpProtocol.Ah, "AH"],
  [IpProtocol.Icmpv6, "ICMPv6"],
  [IpProtocol.NoNext, "no next header"],
  [IpProtocol.DestinationOptions, "destination options"],
  [89, "OSPF"],
  [103, "PIM"],
  [112, "VRRP"],
  [132, "SCTP"],
  [136, "UDP-Lite"],
]);

const EXTENSION_NAMES: ReadonlyMap<number, string> = new Map([
  [IpProtocol.HopByHop, "hop-by-hop"],
  [IpProtocol.Routing, "routing"],
  [IpProtocol.Fragment, "fragment"],
  [IpProtocol.DestinationOptions, "dest-opts"],
  [IpProtocol.Ah, "AH"],
]);

const TCP_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [TcpFlag.Syn, "SYN"],
  [TcpFlag.Fin, "FIN"],
  [TcpFlag.Rst, "RST"],
  [TcpFlag.Psh, "PSH"],
  [TcpFlag.Ack, "ACK"],
  [TcpFlag.Urg, "URG"],
  [TcpFlag.Ece, "ECE"],
  [TcpFlag.Cwr, "CWR"],
  [TcpFlag.Ae, "AE"],
];

/**
 * Summarises the link and IP layers of the frame `d` just decoded, e.g. `"Ethernet · VLAN 10 · IPv4 ttl 64 · UDP"`.
 *
 * Allocates strings: for display only, not for the per-packet path.
 *
 * @param d A decoder right after `decode(bytes, …)`.
 * @param bytes The same bytes (read again to name IPv6 extension headers and BSD address families).
 * @returns The summary, parts joined by `" · "`.
 *
 * @example Summarise a raw IPv4 UDP packet
 * ```ts
 * import { describeFrame, FrameDecoder } from "./frame.ts";
 * import { strictEqual } from "node:assert/strict";
 * const frame = new Uint8Array(28);
 * frame.set([0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17], 0);
 * frame.set([0, 8], 24); // UDP length 8
 * const d = new FrameDecoder();
 * d.decode(frame, 101);
 * strictEqual(describeFrame(d, frame), "Raw IP · IPv4 ttl 64 · UDP");
 * ```
 */
export function describeFrame(d: FrameDecoder, bytes: Uint8Array): string {
  const parts = [linkTypeName(d.linkType)];
  if (d.status === FrameStatus.UnsupportedLinkType) {
    parts.push("unsupported link type");
    return parts.join(" · ");
  }
  if (d.vlanCount === 1) parts.push(`VLAN ${d.outerVlanId}`);
  else if (d.vlanCount === 2) parts.push(`VLAN ${d.outerVlanId}/${d.innerVlanId}`);
  else if (d.vlanCount > 2) parts.push(`VLAN ${d.outerVlanId}/${d.innerVlanId}/+${d.vlanCount - 2}`);

  if (d.status === FrameStatus.NotIp) {
    parts.push(`not IP (${notIpWhat(d, bytes)})`);
  } else if (d.ipVersion === 4) {
    parts.push(d.ttl >= 0 ? `IPv4 ttl ${d.ttl}` : "IPv4");
    if (d.ipHeaderLength > 20) parts.push(`options ${d.ipHeaderLength - 20} B`);
  } else if (d.ipVersion === 6) {
    parts.push(d.ttl >= 0 ? `IPv6 hlim ${d.ttl}` : "IPv6");
    const extensions = ipv6Extensions(bytes, d.ipOffset, d.ipOffset + d.ipHeaderLength);
    if (extensions !== "") parts.push(extensions);
  }

  if (d.ipVersion !== 0 && d.ipProtocol >= 0) {
    const name = PROTOCOL_NAMES.get(d.ipProtocol) ?? `protocol ${d.ipProtocol}`;
    if (d.status === FrameStatus.NonFirstFragment) parts.push(`fragment of ${name}`);
    else if (d.transport === 6 && d.tcpFlags >= 0) parts.push(`TCP [${tcpFlagText(d.tcpFlags)}]`);
    else parts.push(d.fragmented ? `${name} (first fragment)` : name);
  }

  if (
    d.status !== FrameStatus.Ok && d.status !== FrameStatus.NotIp && d.status !== FrameStatus.NonFirstFragment &&
    d.status !== FrameStatus.Truncated
  ) {
    parts.push(FRAME_STATUS_NAMES[d.status] ?? `status ${d.status}`);
  }
  if (d.truncated) parts.push("truncated");
  return parts.join(" · ");
}

function notIpWhat(d: FrameDecoder, bytes: Uint8Array): string {
  if (d.linkType === LinkType.Null || d.linkType === LinkType.Loop) {
    if (bytes.length < 4) return "no address family";
    const be = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    const le = ((bytes[3]! << 24) | (bytes[2]! << 16) | (bytes[1]! << 8) | bytes[0]!) >>> 0;
    return `AF ${d.linkType === LinkType.Loop || le > 0xffff ? be : le}`;
  }
  if (d.etherType < ETHERTYPE_MIN) return `802.3 length ${d.etherType}`;
  const hex = `0x${d.etherType.toString(16).padStart(4, "0")}`;
  const name = ETHERTYPE_NAMES.get(d.etherType);
  return name === undefined ? hex : `${name} ${hex}`;
}

/** Names the extension headers between the fixed IPv6 header and `end`, e.g. "hop-by-hop, fragment". */
function ipv6Extensions(bytes: Uint8Array, ipOffset: number, end: number): string {
  const names: string[] = [];
  let next = ipOffset + 6 < bytes.length ? bytes[ipOffset + 6]! : -1;
  let p = ipOffset + 40;
  while (p + 2 <= end && p + 2 <= bytes.length) {
    const name = EXTENSION_NAMES.get(next);
    if (name === undefined) break;
    names.push(name);
    const length = next === IpProtocol.Fragment
      ? 8
      : next === IpProtocol.Ah
      ? (bytes[p + 1]! + 2) * 4
      : (bytes[p + 1]! + 1) * 8;
    next = bytes[p]!;
    p += length;
  }
  return names.join(", ");
}

function tcpFlagText(flags: number): string {
  const names: string[] = [];
  for (const [bit, name] of TCP_FLAG_NAMES) if ((flags & bit) !== 0) names.push(name);
  return names.join(", ");
}
