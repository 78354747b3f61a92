import { deepStrictEqual } from "node:assert/strict";
import { decodeTcp, TcpFlag } from "./tcp.ts";
import type { TransportFields } from "./_fields.ts";
import { FrameStatus } from "../status.ts";
import {
  ETHERNET_TCP4_SYN,
  ETHERNET_TCP6_DATA,
  pick,
  SNAPLEN80_TCP6_SYN,
  transportFieldsAt,
  withByte,
} from "../_fixtures.ts";

const TCP4 = 34;
const TCP6 = 54;

const cases: {
  name: string;
  bytes: Uint8Array;
  in: TransportFields;
  status: FrameStatus;
  want: Partial<TransportFields>;
}[] = [
  {
    name: "reads a SYN with 20 bytes of options (data offset 10)",
    bytes: ETHERNET_TCP4_SYN.bytes,
    in: transportFieldsAt(TCP4, 40),
    status: FrameStatus.Ok,
    want: { transport: 6, srcPort: 37366, dstPort: 40001, tcpFlags: TcpFlag.Syn, payloadOffset: 74, payloadLength: 0 },
  },
  {
    name: "reads PSH+ACK with a 32-byte payload over IPv6",
    bytes: ETHERNET_TCP6_DATA.bytes,
    in: transportFieldsAt(TCP6, 64, 6),
    status: FrameStatus.Ok,
    want: {
      srcPort: 35198,
      dstPort: 40001,
      tcpFlags: TcpFlag.Psh | TcpFlag.Ack,
      payloadOffset: 86, // 54 + data offset 8 × 4
      payloadLength: 32,
    },
  },
  {
    name: "keeps ports and flags of a SYN whose options the snap length cut",
    bytes: SNAPLEN80_TCP6_SYN.bytes,
    in: transportFieldsAt(TCP6, 40, 6),
    status: FrameStatus.Truncated,
    want: { transport: 6, srcPort: 35214, dstPort: 40001, tcpFlags: TcpFlag.Syn },
  },
  {
    name: "puts the reserved bits and AE above the classic flags",
    bytes: withByte(ETHERNET_TCP4_SYN.bytes, TCP4 + 12, 0xaf),
    in: transportFieldsAt(TCP4, 40),
    status: FrameStatus.Ok,
    want: { tcpFlags: 0xf02 },
  },
  {
    name: "rejects a data offset of 4",
    bytes: withByte(ETHERNET_TCP4_SYN.bytes, TCP4 + 12, 0x40),
    in: transportFieldsAt(TCP4, 40),
    status: FrameStatus.BadTransportHeader,
    want: { transport: 6, srcPort: 37366 },
  },
  {
    name: "rejects a data offset past the IP payload",
    bytes: withByte(ETHERNET_TCP4_SYN.bytes, TCP4 + 12, 0xf0),
    in: transportFieldsAt(TCP4, 40),
    status: FrameStatus.BadTransportHeader,
    want: {},
  },
  {
    name: "rejects an IP payload of 19 bytes",
    bytes: ETHERNET_TCP4_SYN.bytes,
    in: transportFieldsAt(TCP4, 19),
    status: FrameStatus.BadTransportHeader,
    want: { transport: 0 },
  },
  {
    name: "reports 19 captured header bytes as truncated without ports",
    bytes: ETHERNET_TCP4_SYN.bytes.subarray(0, TCP4 + 19),
    in: transportFieldsAt(TCP4, 40),
    status: FrameStatus.Truncated,
    want: { transport: 0, srcPort: -1, tcpFlags: -1 },
  },
];

for (const c of cases) {
  Deno.test(`decodeTcp() ${c.name}`, () => {
    deepStrictEqual(decodeTcp(c.bytes, c.in), c.status);
    deepStrictEqual(pick(c.in, c.want), c.want);
  });
}
