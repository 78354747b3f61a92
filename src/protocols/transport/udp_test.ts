import { deepStrictEqual } from "node:assert/strict";
import { decodeUdp } from "./udp.ts";
import type { TransportFields } from "./_fields.ts";
import { FrameStatus } from "../status.ts";
import {
  ETHERNET_UDP4,
  ETHERNET_UDP6,
  IPV4_FIRST_FRAGMENT,
  pick,
  SNAPLEN80_UDP4,
  transportFieldsAt,
  withByte,
} from "../_fixtures.ts";

const UDP4 = 34; // UDP header offset in the Ethernet/IPv4 fixtures
const UDP6 = 54;

const cases: {
  name: string;
  bytes: Uint8Array;
  in: TransportFields;
  status: FrameStatus;
  want: Partial<TransportFields>;
}[] = [
  {
    name: "reads ports and a 32-byte payload over IPv4",
    bytes: ETHERNET_UDP4.bytes,
    in: transportFieldsAt(UDP4, 40),
    status: FrameStatus.Ok,
    want: { transport: 17, srcPort: 53701, dstPort: 40000, tcpFlags: -1, payloadOffset: 42, payloadLength: 32 },
  },
  {
    name: "reads ports and a 32-byte payload over IPv6",
    bytes: ETHERNET_UDP6.bytes,
    in: transportFieldsAt(UDP6, 40, 6),
    status: FrameStatus.Ok,
    want: { transport: 17, srcPort: 36398, dstPort: 40000, payloadOffset: 62, payloadLength: 32 },
  },
  {
    name: "reads the header of a first fragment whose Length (1408) covers later fragments",
    bytes: IPV4_FIRST_FRAGMENT.bytes,
    in: transportFieldsAt(UDP4, 552, 4, true),
    status: FrameStatus.Ok,
    want: { srcPort: 39775, dstPort: 40000, payloadOffset: 42, payloadLength: 544 },
  },
  {
    name: "rejects a Length past the IP payload when the datagram is not fragmented",
    bytes: IPV4_FIRST_FRAGMENT.bytes,
    in: transportFieldsAt(UDP4, 552),
    status: FrameStatus.BadTransportHeader,
    want: { transport: 17, srcPort: 39775 },
  },
  {
    name: "uses the UDP Length when the IP payload is longer (trailing bytes)",
    bytes: withByte(ETHERNET_UDP4.bytes, UDP4 + 5, 20),
    in: transportFieldsAt(UDP4, 40),
    status: FrameStatus.Ok,
    want: { payloadLength: 12 },
  },
  {
    name: "declares the whole payload of a frame cut by the snap length (the caller clamps)",
    bytes: SNAPLEN80_UDP4.bytes,
    in: transportFieldsAt(UDP4, 208),
    status: FrameStatus.Ok,
    want: { payloadOffset: 42, payloadLength: 200 },
  },
  {
    name: "takes a Length of 0 over IPv6 as the IP payload (RFC 2675 §4)",
    bytes: withByte(withByte(ETHERNET_UDP6.bytes, UDP6 + 4, 0), UDP6 + 5, 0),
    in: transportFieldsAt(UDP6, 40, 6),
    status: FrameStatus.Ok,
    want: { payloadLength: 32 },
  },
  {
    name: "rejects a Length of 0 over IPv4",
    bytes: withByte(withByte(ETHERNET_UDP4.bytes, UDP4 + 4, 0), UDP4 + 5, 0),
    in: transportFieldsAt(UDP4, 40),
    status: FrameStatus.BadTransportHeader,
    want: {},
  },
  {
    name: "rejects a Length of 7",
    bytes: withByte(ETHERNET_UDP4.bytes, UDP4 + 5, 7),
    in: transportFieldsAt(UDP4, 40),
    status: FrameStatus.BadTransportHeader,
    want: {},
  },
  {
    name: "rejects an IP payload too short for the header",
    bytes: ETHERNET_UDP4.bytes,
    in: transportFieldsAt(UDP4, 7),
    status: FrameStatus.BadTransportHeader,
    want: { transport: 0, srcPort: -1 },
  },
  {
    name: "reports a header cut after 5 bytes as truncated",
    bytes: ETHERNET_UDP4.bytes.subarray(0, UDP4 + 5),
    in: transportFieldsAt(UDP4, 40),
    status: FrameStatus.Truncated,
    want: { transport: 0, srcPort: -1, dstPort: -1 },
  },
];

for (const c of cases) {
  Deno.test(`decodeUdp() ${c.name}`, () => {
    deepStrictEqual(decodeUdp(c.bytes, c.in), c.status);
    deepStrictEqual(pick(c.in, c.want), c.want);
  });
}
