import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { formatAddress, FRAME_STATUS_NAMES, FrameDecoder, FrameStatus, LinkType } from "./frame.ts";
import * as F from "./_fixtures.ts";
import { concat, type Fixture, pick, withByte } from "./_fixtures.ts";
import { type PcapFile, readPcapFile } from "../../tests/_pcap_reader.ts";
import { guarded, seeded } from "./_fuzz.ts";

/** The committed captures; the table fixtures quote these exact files. */
const COMMITTED_DIR = new URL("../../tests/testdata/framing/", import.meta.url);
/** Captures to compare with tshark: the committed ones, or a fresh set from scripts/make-framing-fixtures.sh DIR. */
const CAPTURE_DIR = captureDir();

function captureDir(): URL {
  let dir: string | undefined;
  try {
    dir = Deno.env.get("NETPIX_FRAMING_FIXTURES");
  } catch {
    dir = undefined; // no --allow-env: use the committed captures
  }
  return dir === undefined || dir === "" ? COMMITTED_DIR : new URL(`file://${dir.endsWith("/") ? dir : `${dir}/`}`);
}
const CAPTURES = F.FRAMING_CAPTURES;

// ---------------------------------------------------------------------------------------------------------------
// Every frame of every committed capture against tshark's dissection of the same file.

/** tshark fields, in this order; `-E occurrence` is left at "all" so that VLAN IDs of stacked tags come as a list. */
const TSHARK_FIELDS = [
  "frame.number",
  "ip.src",
  "ipv6.src",
  "ip.dst",
  "ipv6.dst",
  "udp.srcport",
  "tcp.srcport",
  "udp.dstport",
  "tcp.dstport",
  "vlan.id",
  "ieee8021ad.id",
  "ip.ttl",
  "ipv6.hlim",
  "ip.proto",
  "ipv6.nxt",
  "frame.protocols",
  "ipv6.hopopts.nxt",
  "ipv6.routing.nxt",
  "ipv6.fraghdr.nxt",
  "ipv6.dstopts.nxt",
  "ah.next_header",
  "ip.flags.mf",
  "ip.frag_offset",
  "ipv6.fraghdr.offset",
  "ipv6.fraghdr.more",
  "tcp.flags",
  "udp.length",
  "tcp.len",
  "icmp.type",
  "icmpv6.type",
  "frame.len",
  "frame.cap_len",
] as const;
type TsharkField = (typeof TSHARK_FIELDS)[number];
type TsharkRow = Record<TsharkField, string[]>;

const hasTshark = (() => {
  try {
    return new Deno.Command("tshark", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
})();

async function tshark(path: URL): Promise<TsharkRow[]> {
  const args = ["-r", path.pathname, "-n", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-T", "fields"];
  args.push("-E", "separator=,", "-E", "aggregator=;", "-E", "quote=n");
  for (const f of TSHARK_FIELDS) args.push("-e", f);
  const out = await new Deno.Command("tshark", { args, stdout: "piped", stderr: "null" }).output();
  ok(out.success, `tshark failed on ${path.pathname}`);
  return new TextDecoder().decode(out.stdout).trimEnd().split("\n").map((line) => {
    const cells = line.split(",");
    const row = {} as TsharkRow;
    TSHARK_FIELDS.forEach((f, i) => row[f] = (cells[i] ?? "") === "" ? [] : cells[i]!.split(";"));
    return row;
  });
}

/** Extension headers this decoder walks, by tshark's layer name, with the field holding their next header. */
const TSHARK_EXTENSIONS: Record<string, TsharkField> = {
  "ipv6.hopopts": "ipv6.hopopts.nxt",
  "ipv6.routing": "ipv6.routing.nxt",
  "ipv6.fraghdr": "ipv6.fraghdr.nxt",
  "ipv6.dstopts": "ipv6.dstopts.nxt",
  "ah": "ah.next_header",
};

/** The protocol after tshark's chain of IPv6 extension headers (outer packet only). */
function tsharkIpv6Protocol(row: TsharkRow): number {
  const layers = (row["frame.protocols"][0] ?? "").split(":");
  let value = Number(row["ipv6.nxt"][0]);
  for (const layer of layers.slice(layers.indexOf("ipv6") + 1)) {
    const field = TSHARK_EXTENSIONS[layer];
    if (field === undefined) break;
    value = Number(row[field][0]);
  }
  return value;
}

function compareWithTshark(file: string, pcap: PcapFile, rows: TsharkRow[], linkType = pcap.linkType): number {
  strictEqual(rows.length, pcap.records.length, `${file}: tshark and the reader disagree on the frame count`);
  const d = new FrameDecoder();
  let checked = 0;
  for (const [i, rec] of pcap.records.entries()) {
    const t = rows[i]!;
    const at = `${file} frame ${rec.frameNumber}`;
    const status = d.decode(rec.data, linkType, rec.originalLength);
    ok(
      status === FrameStatus.Ok || status === FrameStatus.NotIp || status === FrameStatus.NonFirstFragment ||
        (status === FrameStatus.Truncated && rec.capturedLength < rec.originalLength),
      `${at}: unexpected status ${FRAME_STATUS_NAMES[status]}`,
    );
    strictEqual(d.truncated, Number(t["frame.cap_len"][0]) < Number(t["frame.len"][0]), `${at}: truncated`);

    // VLAN tags: tshark lists the 802.1ad S-tag apart from the 802.1Q tags; in these captures the S-tag is outermost.
    const vlans = [...t["ieee8021ad.id"], ...t["vlan.id"]].map(Number);
    deepStrictEqual(
      [d.outerVlanId, d.innerVlanId].slice(0, Math.min(d.vlanCount, 2)),
      vlans.slice(0, 2),
      `${at}: VLAN`,
    );
    strictEqual(d.vlanCount, vlans.length, `${at}: VLAN count`);

    // Addresses, TTL/hop limit and protocol; tshark's first occurrence is the outer packet (ICMP errors quote more).
    if (d.ipVersion === 4) {
      strictEqual(formatAddress(rec.data, d.srcAddrOffset, 4), t["ip.src"][0], `${at}: IPv4 source`);
      strictEqual(formatAddress(rec.data, d.dstAddrOffset, 4), t["ip.dst"][0], `${at}: IPv4 destination`);
      strictEqual(d.ttl, Number(t["ip.ttl"][0]), `${at}: TTL`);
      strictEqual(d.ipProtocol, Number(t["ip.proto"][0]), `${at}: protocol`);
      const mf = t["ip.flags.mf"][0] === "1" || t["ip.flags.mf"][0] === "True";
      const fragmentOffset = Number(t["ip.frag_offset"][0]);
      strictEqual(d.fragmented, mf || fragmentOffset !== 0, `${at}: fragmented`);
      strictEqual(status === FrameStatus.NonFirstFragment, fragmentOffset !== 0, `${at}: non-first fragment`);
    } else if (d.ipVersion === 6) {
      strictEqual(formatAddress(rec.data, d.srcAddrOffset, 6), t["ipv6.src"][0], `${at}: IPv6 source`);
      strictEqual(formatAddress(rec.data, d.dstAddrOffset, 6), t["ipv6.dst"][0], `${at}: IPv6 destination`);
      strictEqual(d.ttl, Number(t["ipv6.hlim"][0]), `${at}: hop limit`);
      strictEqual(d.ipProtocol, tsharkIpv6Protocol(t), `${at}: protocol after extension headers`);
      const fragmentOffset = Number(t["ipv6.fraghdr.offset"][0] ?? 0);
      const more = t["ipv6.fraghdr.more"][0] === "1" || t["ipv6.fraghdr.more"][0] === "True";
      strictEqual(d.fragmented, more || fragmentOffset !== 0, `${at}: fragmented`);
      strictEqual(status === FrameStatus.NonFirstFragment, fragmentOffset !== 0, `${at}: non-first fragment`);
    } else {
      deepStrictEqual([t["ip.src"], t["ipv6.src"]], [[], []], `${at}: tshark sees IP where the decoder does not`);
    }

    // Ports. An ICMP error quotes the offending datagram, whose ports tshark reports; the decoder stops at ICMP.
    const quotesPorts = t["icmp.type"].length > 0 || t["icmpv6.type"].length > 0;
    if (d.transport === 17) {
      deepStrictEqual([d.srcPort, d.dstPort], [Number(t["udp.srcport"][0]), Number(t["udp.dstport"][0])], `${at}: UDP`);
      if (d.fragmented) {
        // First fragment: the datagram goes on in later fragments, the payload ends with this frame.
        ok(d.payloadLength < Number(t["udp.length"][0]) - 8, `${at}: UDP payload of a first fragment`);
        strictEqual(d.payloadOffset + d.payloadLength, rec.capturedLength, `${at}: end of a first fragment`);
      } else if (!d.truncated) {
        strictEqual(d.payloadLength, Number(t["udp.length"][0]) - 8, `${at}: UDP payload`);
      }
    } else if (d.transport === 6) {
      deepStrictEqual([d.srcPort, d.dstPort], [Number(t["tcp.srcport"][0]), Number(t["tcp.dstport"][0])], `${at}: TCP`);
      strictEqual(d.tcpFlags, parseInt(t["tcp.flags"][0] ?? "", 16), `${at}: TCP flags`);
      if (!d.truncated) strictEqual(d.payloadLength, Number(t["tcp.len"][0]), `${at}: TCP payload`);
    } else if (!quotesPorts) {
      deepStrictEqual(
        [t["udp.srcport"], t["tcp.srcport"]],
        [[], []],
        `${at}: tshark found ports where the decoder found ${FRAME_STATUS_NAMES[status]}`,
      );
    }
    checked++;
  }
  return checked;
}

for (const file of CAPTURES) {
  Deno.test({
    name: `FrameDecoder.decode() agrees with tshark on every frame of ${file}`,
    ignore: !hasTshark,
    fn: async () => {
      const path = new URL(file, CAPTURE_DIR);
      const pcap = await readPcapFile(path);
      ok(compareWithTshark(file, pcap, await tshark(path)) > 0);
    },
  });
}

for (const linkType of [LinkType.RawDlt12, LinkType.RawDlt14]) {
  Deno.test({
    name: `FrameDecoder.decode() reads raw-ip.pcap as link type ${linkType} the way tshark reads it as 101`,
    ignore: !hasTshark,
    fn: async () => {
      const path = new URL("raw-ip.pcap", CAPTURE_DIR);
      ok(compareWithTshark("raw-ip.pcap", await readPcapFile(path), await tshark(path), linkType) > 0);
    },
  });
}

Deno.test("FrameDecoder.decode() sees every kind of frame the fixtures were made to hold", async () => {
  const seen = new Set<string>();
  const d = new FrameDecoder();
  for (const file of CAPTURES) {
    const pcap = await readPcapFile(new URL(file, CAPTURE_DIR));
    for (const rec of pcap.records) {
      const s = d.decode(rec.data, pcap.linkType, rec.originalLength);
      seen.add(`${file}:${FRAME_STATUS_NAMES[s]}`);
      if (d.vlanCount > 0) seen.add(`vlan${d.vlanCount}:${d.outerVlanId}/${d.innerVlanId}`);
      if (d.transport) seen.add(`${file}:ipv${d.ipVersion}:${d.transport}`);
      if (d.ipVersion === 6 && d.ipHeaderLength > 40) seen.add(`ipv6-ext:${d.ipHeaderLength}:${d.ipProtocol}`);
      if (d.ipVersion === 4 && d.ipHeaderLength > 20) seen.add(`ipv4-options:${d.ipHeaderLength}`);
      if (d.truncated) seen.add(`${file}:truncated`);
    }
  }
  for (
    const want of [
      "ethernet.pcap:ipv4:17",
      "ethernet.pcap:ipv4:6",
      "ethernet.pcap:ipv6:17",
      "ethernet.pcap:ipv6:6",
      "ethernet.pcap:not-ip",
      "vlan1:10/-1",
      "vlan2:100/20",
      "vlan2:30/20",
      "sll.pcap:ipv4:17",
      "sll.pcap:ipv6:6",
      "sll2.pcap:ipv6:17",
      "raw-ip.pcap:ipv4:6",
      "null.pcap:ipv6:17",
      "loop.pcap:ipv4:17",
      "ipv6-ext.pcap:non-first-fragment",
      "ipv4-frag.pcap:non-first-fragment",
      "ipv6-ext:48:58", // MLD behind hop-by-hop
      "ipv6-ext:64:17", // hop-by-hop, dest-opts, fragment | AH
      "ipv6-ext:80:17", // SRv6
      "ipv4-options:24",
      "ipv4-options:32",
      "ethernet-snaplen80.pcap:truncated",
    ]
  ) ok(seen.has(want), `no frame gave ${want}`);
});

// ---------------------------------------------------------------------------------------------------------------
// The table fixtures are real frames.

Deno.test("every table fixture equals its frame in the committed capture", async () => {
  const files = new Map<string, PcapFile>();
  for (const [name, fx] of Object.entries(F.ALL_FIXTURES)) {
    let pcap = files.get(fx.file);
    if (pcap === undefined) files.set(fx.file, pcap = await readPcapFile(new URL(fx.file, COMMITTED_DIR)));
    const rec = pcap.records[fx.frame - 1];
    ok(rec !== undefined, `${name}: ${fx.file} has no frame ${fx.frame}`);
    strictEqual(fx.linkType, pcap.linkType, `${name}: link type`);
    strictEqual(fx.originalLength, rec.originalLength, `${name}: original length`);
    deepStrictEqual(fx.bytes, rec.data, `${name}: bytes`);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// One row per case through the whole decoder.

type Want = Partial<Omit<FrameDecoder, "decode">> & { src?: string; dst?: string };
interface Case {
  name: string;
  bytes: Uint8Array;
  linkType: number;
  originalLength?: number;
  want: Want;
}
const row = (name: string, fx: Fixture, want: Want): Case => ({
  name,
  bytes: fx.bytes,
  linkType: fx.linkType,
  originalLength: fx.originalLength,
  want,
});

const cases: Case[] = [
  row("decodes UDP over IPv4 over Ethernet", F.ETHERNET_UDP4, {
    status: FrameStatus.Ok,
    etherType: 0x0800,
    vlanCount: 0,
    outerVlanId: -1,
    innerVlanId: -1,
    ipVersion: 4,
    ipOffset: 14,
    ipHeaderLength: 20,
    src: "198.51.100.1",
    dst: "198.51.100.2",
    ipProtocol: 17,
    ttl: 64,
    fragmented: false,
    transport: 17,
    srcPort: 53701,
    dstPort: 40000,
    tcpFlags: -1,
    payloadOffset: 42,
    payloadLength: 32,
    truncated: false,
  }),
  row("decodes a TCP SYN over IPv4 over Ethernet", F.ETHERNET_TCP4_SYN, {
    status: FrameStatus.Ok,
    transport: 6,
    srcPort: 37366,
    dstPort: 40001,
    tcpFlags: 0x002,
    payloadOffset: 74,
    payloadLength: 0,
  }),
  row("decodes UDP over IPv6 over Ethernet", F.ETHERNET_UDP6, {
    status: FrameStatus.Ok,
    etherType: 0x86dd,
    ipVersion: 6,
    ipHeaderLength: 40,
    src: "2001:db8:1::1",
    dst: "2001:db8:1::2",
    ttl: 64,
    transport: 17,
    srcPort: 36398,
    payloadLength: 32,
  }),
  row("decodes TCP data over IPv6", F.ETHERNET_TCP6_DATA, {
    status: FrameStatus.Ok,
    transport: 6,
    tcpFlags: 0x018,
    payloadOffset: 86,
    payloadLength: 32,
  }),
  row("reports ARP as not IP and points at the ARP message", F.ETHERNET_ARP_REQUEST, {
    status: FrameStatus.NotIp,
    etherType: 0x0806,
    ipVersion: 0,
    srcAddrOffset: -1,
    ipProtocol: -1,
    ttl: -1,
    transport: 0,
    srcPort: -1,
    payloadOffset: 14,
    payloadLength: 28,
  }),
  row("decodes ICMP as other protocol 1 without ports", F.ETHERNET_ICMP4_PORT_UNREACHABLE, {
    status: FrameStatus.Ok,
    ipProtocol: 1,
    transport: 0,
    srcPort: -1,
    dstPort: -1,
    payloadOffset: 34,
    payloadLength: 44,
  }),
  row("decodes an ICMPv6 neighbour solicitation as other protocol 58", F.ETHERNET_ICMP6_NEIGHBOR_SOLICITATION, {
    status: FrameStatus.Ok,
    ipProtocol: 58,
    ttl: 255,
    dst: "ff02::1:ff00:2",
    transport: 0,
    payloadLength: 32,
  }),
  row("decodes UDP behind 802.1Q VLAN 10", F.VLAN_UDP4, {
    status: FrameStatus.Ok,
    vlanCount: 1,
    outerVlanId: 10,
    innerVlanId: -1,
    ipOffset: 18,
    srcPort: 41066,
  }),
  row("decodes UDP behind an 802.1ad S-tag 100 and C-tag 20", F.QINQ_UDP4, {
    status: FrameStatus.Ok,
    vlanCount: 2,
    outerVlanId: 100,
    innerVlanId: 20,
    ipOffset: 22,
    transport: 17,
  }),
  row("decodes UDP behind stacked 802.1Q tags 30 and 20", F.STACKED_VLAN_UDP4, {
    status: FrameStatus.Ok,
    vlanCount: 2,
    outerVlanId: 30,
    innerVlanId: 20,
    src: "198.51.100.2",
    srcPort: 40000,
  }),
  row("decodes Linux SLL with the VLAN tag libpcap reinserted", F.SLL_VLAN_UDP4, {
    status: FrameStatus.Ok,
    etherType: 0x0800,
    vlanCount: 1,
    outerVlanId: 10,
    ipOffset: 20,
    srcPort: 44636,
  }),
  row("decodes Linux SLL from the loopback device", F.SLL_LOOPBACK_UDP4, {
    status: FrameStatus.Ok,
    ipOffset: 16,
    src: "127.0.0.1",
    transport: 17,
  }),
  row("decodes Linux SLL2 from the loopback device", F.SLL2_LOOPBACK_UDP6, {
    status: FrameStatus.Ok,
    ipOffset: 20,
    src: "::1",
    dst: "::1",
    transport: 17,
  }),
  row("reports ARP in Linux SLL2 as not IP", F.SLL2_ARP_REQUEST, {
    status: FrameStatus.NotIp,
    etherType: 0x0806,
    payloadOffset: 20,
    payloadLength: 28,
  }),
  row("decodes raw IPv4 (LINKTYPE_RAW)", F.RAW_UDP4, {
    status: FrameStatus.Ok,
    etherType: 0,
    ipOffset: 0,
    src: "192.0.2.1",
    transport: 17,
  }),
  row("decodes raw IPv6 (LINKTYPE_RAW)", F.RAW_TCP6_SYN, {
    status: FrameStatus.Ok,
    ipVersion: 6,
    ipOffset: 0,
    transport: 6,
    tcpFlags: 0x002,
  }),
  row("decodes BSD loopback (DLT_NULL) IPv4", F.NULL_UDP4, {
    status: FrameStatus.Ok,
    etherType: 0,
    ipOffset: 4,
    src: "192.0.2.1",
    srcPort: 36912,
  }),
  row("decodes BSD loopback IPv6 with macOS AF_INET6 30", F.NULL_TCP6_AF30, {
    status: FrameStatus.Ok,
    ipVersion: 6,
    ipOffset: 4,
    transport: 6,
  }),
  row("decodes OpenBSD loopback (LOOP) IPv6", F.LOOP_UDP6, {
    status: FrameStatus.Ok,
    ipVersion: 6,
    ipOffset: 4,
    src: "2001:db8:2::1",
  }),
  row("decodes MLD behind a Hop-by-Hop header as ICMPv6", F.IPV6_MLD_HOP_BY_HOP, {
    status: FrameStatus.Ok,
    ipHeaderLength: 48,
    ipProtocol: 58,
    ttl: 1,
    src: "::",
    transport: 0,
    payloadOffset: 62,
    payloadLength: 88,
  }),
  row(
    "decodes UDP behind Hop-by-Hop, Destination Options and Fragment headers",
    F.IPV6_HOP_BY_HOP_DEST_OPTS_FIRST_FRAGMENT,
    {
      status: FrameStatus.Ok,
      ipHeaderLength: 64,
      ipProtocol: 17,
      fragmented: true,
      transport: 17,
      srcPort: 48921,
      payloadOffset: 86,
      payloadLength: 1208, // UDP length 2008 reaches into the next fragment; this one holds 1216 - 8
      truncated: false,
    },
  ),
  row("reports a non-first IPv6 fragment without ports", F.IPV6_MIDDLE_FRAGMENT, {
    status: FrameStatus.NonFirstFragment,
    fragmented: true,
    ipProtocol: 17,
    transport: 0,
    srcPort: -1,
    payloadOffset: 62,
    payloadLength: 1232,
  }),
  row("decodes UDP behind an SRv6 routing header", F.IPV6_SEGMENT_ROUTING_UDP, {
    status: FrameStatus.Ok,
    ipHeaderLength: 80,
    dst: "2001:db8:1::2", // the current segment, not the final destination
    srcPort: 53720,
  }),
  row("decodes UDP behind an Authentication Header", F.IPV6_AH_UDP, {
    status: FrameStatus.Ok,
    ipHeaderLength: 64,
    srcPort: 40001,
    dstPort: 40000,
    payloadLength: 8,
  }),
  row("stops at ESP with protocol 50", F.IPV6_ESP, {
    status: FrameStatus.Ok,
    ipProtocol: 50,
    transport: 0,
    payloadLength: 24,
  }),
  row("stops at No Next Header with protocol 59", F.IPV6_NO_NEXT_HEADER, { status: FrameStatus.Ok, ipProtocol: 59 }),
  row("decodes IGMP behind a Router Alert option", F.IPV4_IGMP_ROUTER_ALERT, {
    status: FrameStatus.Ok,
    ipHeaderLength: 24,
    ipProtocol: 2,
    ttl: 1,
    dst: "224.0.0.22",
  }),
  row("decodes the UDP header of a first IPv4 fragment and flags it", F.IPV4_FIRST_FRAGMENT, {
    status: FrameStatus.Ok,
    fragmented: true,
    transport: 17,
    srcPort: 39775,
    payloadOffset: 42,
    payloadLength: 544,
    truncated: false,
  }),
  row("reports the last IPv4 fragment as non-first, with its data as payload", F.IPV4_LAST_FRAGMENT, {
    status: FrameStatus.NonFirstFragment,
    fragmented: true,
    ipProtocol: 17,
    transport: 0,
    srcPort: -1,
    payloadOffset: 34,
    payloadLength: 304,
  }),
  row("decodes UDP behind a Record Route option in a first fragment", F.IPV4_RECORD_ROUTE_FIRST_FRAGMENT, {
    status: FrameStatus.Ok,
    ipHeaderLength: 32,
    fragmented: true,
    srcPort: 34959,
    payloadOffset: 54,
    payloadLength: 536,
  }),
  row("clamps the UDP payload of a frame cut at 80 bytes and flags it", F.SNAPLEN80_UDP4, {
    status: FrameStatus.Ok,
    transport: 17,
    srcPort: 52536,
    payloadOffset: 42,
    payloadLength: 38,
    truncated: true,
  }),
  row("clamps the UDP payload of an IPv6 frame cut at 80 bytes", F.SNAPLEN80_UDP6, {
    status: FrameStatus.Ok,
    payloadOffset: 62,
    payloadLength: 18,
    truncated: true,
  }),
  row("reports a TCP SYN cut inside its options as truncated but keeps its ports", F.SNAPLEN80_TCP6_SYN, {
    status: FrameStatus.Truncated,
    transport: 6,
    srcPort: 35214,
    dstPort: 40001,
    payloadOffset: 0,
    payloadLength: 0,
    truncated: true,
  }),
  {
    name: "flags a frame truncated when the original length says so, even if its headers fit",
    bytes: F.ETHERNET_UDP4.bytes,
    linkType: 1,
    originalLength: 100,
    want: { status: FrameStatus.Ok, truncated: true, payloadLength: 32 },
  },
  {
    name: "ignores Ethernet padding after the IP packet",
    bytes: concat(F.ETHERNET_ARP_REQUEST.bytes.subarray(0, 0), F.ETHERNET_UDP4.bytes, new Uint8Array(6)),
    linkType: 1,
    want: { status: FrameStatus.Ok, payloadLength: 32, truncated: false },
  },
  {
    name: "reports an unknown link type (LINKTYPE_IEEE802_11, 105)",
    bytes: F.ETHERNET_UDP4.bytes,
    linkType: 105,
    want: { status: FrameStatus.UnsupportedLinkType, linkType: 105, ipVersion: 0, payloadLength: 0 },
  },
  {
    name: "reports an empty Ethernet frame as truncated",
    bytes: new Uint8Array(0),
    linkType: 1,
    want: { status: FrameStatus.Truncated, truncated: true, ipVersion: 0 },
  },
  {
    name: "reports an Ethernet header with nothing after it as truncated",
    bytes: F.ETHERNET_UDP4.bytes.subarray(0, 14),
    linkType: 1,
    want: { status: FrameStatus.Truncated, etherType: 0x0800, ipOffset: 14, ipVersion: 0 },
  },
  {
    name: "reports a raw frame with version nibble 5 as a bad IP version",
    bytes: withByte(F.RAW_UDP4.bytes, 0, 0x55),
    linkType: 101,
    want: { status: FrameStatus.BadIpVersion, ipVersion: 0 },
  },
  {
    name: "reports IPv6 in LINKTYPE_IPV4 as a bad IP version",
    bytes: F.RAW_TCP6_SYN.bytes,
    linkType: LinkType.Ipv4,
    want: { status: FrameStatus.BadIpVersion },
  },
  {
    name: "decodes IPv6 in LINKTYPE_IPV6",
    bytes: F.RAW_TCP6_SYN.bytes,
    linkType: LinkType.Ipv6,
    want: { status: FrameStatus.Ok, transport: 6 },
  },
  {
    name: "reports a bad IHL as a bad IP header and no payload",
    bytes: withByte(F.ETHERNET_UDP4.bytes, 14, 0x43),
    linkType: 1,
    want: { status: FrameStatus.BadIpHeader, ipVersion: 4, transport: 0, payloadOffset: 0, payloadLength: 0 },
  },
  {
    name: "reports a UDP length of 4 as a bad transport header but keeps the ports",
    bytes: withByte(F.ETHERNET_UDP4.bytes, 39, 4),
    linkType: 1,
    want: { status: FrameStatus.BadTransportHeader, srcPort: 53701, payloadLength: 0 },
  },
  {
    name: "reports an IPv4 header cut after 10 bytes as truncated",
    bytes: F.ETHERNET_UDP4.bytes.subarray(0, 24),
    linkType: 1,
    want: { status: FrameStatus.Truncated, ipVersion: 4, srcAddrOffset: -1, truncated: true },
  },
];

for (const c of cases) {
  Deno.test(`FrameDecoder.decode() ${c.name}`, () => {
    const d = new FrameDecoder();
    strictEqual(d.decode(c.bytes, c.linkType, c.originalLength), c.want.status);
    const { src, dst, ...fields } = c.want;
    deepStrictEqual(pick(d, fields), fields);
    const version = d.ipVersion === 6 ? 6 : 4;
    if (src !== undefined) strictEqual(formatAddress(c.bytes, d.srcAddrOffset, version), src);
    if (dst !== undefined) strictEqual(formatAddress(c.bytes, d.dstAddrOffset, version), dst);
  });
}

Deno.test("FrameDecoder.decode() overwrites every field of the previous frame", () => {
  const reused = new FrameDecoder();
  reused.decode(F.QINQ_UDP4.bytes, 1);
  reused.decode(F.SNAPLEN80_TCP6_SYN.bytes, 1, 94);
  reused.decode(F.ETHERNET_ARP_REQUEST.bytes, 1);
  const fresh = new FrameDecoder();
  fresh.decode(F.ETHERNET_ARP_REQUEST.bytes, 1);
  deepStrictEqual({ ...reused }, { ...fresh });
});

// ---------------------------------------------------------------------------------------------------------------
// Fuzz: random, cut and mutated frames for every link type must never throw or read out of bounds.

function checkInvariants(d: FrameDecoder, bytes: Uint8Array, context: () => string): void {
  const fail = (what: string) => {
    throw new Error(`${what}: ${context()}`);
  };
  if (!(d.status >= 0 && d.status < FRAME_STATUS_NAMES.length)) fail("status out of range");
  if (d.payloadOffset < 0 || d.payloadLength < 0 || d.payloadOffset + d.payloadLength > bytes.length) {
    if (d.payloadLength !== 0 || d.payloadOffset !== 0) fail("payload outside the frame");
  }
  const width = d.ipVersion === 6 ? 16 : 4;
  if (d.srcAddrOffset >= 0 && d.srcAddrOffset + width > bytes.length) fail("source address outside the frame");
  if (d.dstAddrOffset >= 0 && d.dstAddrOffset + width > bytes.length) fail("destination address outside the frame");
  if (d.transport !== 0 && (d.srcPort < 0 || d.srcPort > 0xffff || d.dstPort < 0 || d.dstPort > 0xffff)) fail("port");
  if (d.status === FrameStatus.Ok && d.ipVersion !== 0 && d.ipOffset + d.ipHeaderLength > bytes.length) {
    fail("IP header past the frame");
  }
}

Deno.test("FrameDecoder.decode() never throws or reads out of bounds on 200k random, cut and mutated frames", () => {
  const rand = seeded(0x5eed);
  const linkTypes = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 105];
  const seeds = Object.values(F.ALL_FIXTURES).map((f) => f.bytes);
  const d = new FrameDecoder();
  const counts = new Uint32Array(FRAME_STATUS_NAMES.length);
  const TOTAL = 200_000;
  for (let i = 0; i < TOTAL; i++) {
    const linkType = linkTypes[i % linkTypes.length]!;
    const base = seeds[Math.floor(rand() * seeds.length)]!;
    let bytes: Uint8Array;
    switch (i % 4) {
      case 0: // random bytes
        bytes = Uint8Array.from({ length: Math.floor(rand() * 120) }, () => Math.floor(rand() * 256));
        break;
      case 1: // a real frame cut anywhere
        bytes = base.slice(0, Math.floor(rand() * (base.length + 1)));
        break;
      case 2: { // a real frame with a few bytes changed in its headers
        bytes = base.slice();
        const flips = 1 + Math.floor(rand() * 4);
        for (let k = 0; k < flips && bytes.length > 0; k++) {
          bytes[Math.floor(rand() * Math.min(bytes.length, 96))] = Math.floor(rand() * 256);
        }
        break;
      }
      default: { // a real frame, mutated, then cut
        const cut = base.slice(0, Math.floor(rand() * (base.length + 1)));
        if (cut.length > 0) cut[Math.floor(rand() * cut.length)] = [0, 0xff, 0x81, 0x86, 0x2c, 0x3c][i % 6]!;
        bytes = cut;
      }
    }
    const view = i % 10 === 0 ? guarded(bytes) : bytes;
    const status = d.decode(view, linkType, i % 3 === 0 ? bytes.length + 10 : undefined);
    counts[status] = counts[status]! + 1;
    checkInvariants(d, bytes, () => `frame ${i}, link type ${linkType}, bytes ${Array.from(bytes).join(",")}`);
  }
  // Every outcome should be reachable from these inputs; a status never seen hints at a dead branch.
  for (const [status, name] of FRAME_STATUS_NAMES.entries()) ok(counts[status]! > 0, `no frame ended as ${name}`);
});
