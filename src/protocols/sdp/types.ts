/**
 * netpix's model of a Session Description (RFC 8866), as {@linkcode parseSdp} returns it. It is our own shape, not a
 * library's: the UI, the classifier and the statistics read it.
 *
 * Every `a=` line is kept in `attributes` as written, in order, with its line number, including the ones also parsed
 * into typed fields, so nothing is lost. Lines of other types that have no field (`u=`, `e=`, `p=`, `z=`, `k=`, `r=`,
 * later `t=`, unknown letters) are kept in `otherLines`.
 *
 * @module
 */
// This module is browser compatible.

/** `"audio" | "video" | …` that still accepts any other string without losing editor completion. */
type OpenString<K extends string> = K | (string & Record<never, never>);

/** One `a=<name>[:<value>]` line as written (RFC 8866 §5.13). A flag attribute such as `a=rtcp-mux` has no value. */
export interface SdpAttribute {
  name: string;
  value?: string;
  /** 1-based line number in the text given to the parser. */
  line: number;
}

/** A line kept as written because the model has no field for it. */
export interface SdpLine {
  /** The type letter before `=`. */
  type: string;
  value: string;
  line: number;
}

/** Something odd that did not stop the parse: a malformed attribute, a PT with no clock rate, a duplicate. */
export interface SdpWarning {
  line: number;
  detail: string;
}

/** `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>` (RFC 8866 §5.2). */
export interface SdpOrigin {
  username: string;
  /** Kept as text: browsers write 19-digit ids that a JS number cannot hold. */
  sessionId: string;
  sessionVersion: string;
  netType: string;
  addrType: string;
  address: string;
}

/** `c=<nettype> <addrtype> <connection-address>` (RFC 8866 §5.7). */
export interface SdpConnection {
  netType: string;
  /** `IP4` or `IP6` in practice. */
  addrType: string;
  /** The address without the `/ttl` and `/count` suffixes; an IP literal or an FQDN. */
  address: string;
  /** IPv4 multicast TTL (`224.2.1.1/127`). */
  ttl?: number;
  /** Number of consecutive multicast addresses (`224.2.1.1/127/3`, `ff15::101/3`). */
  addressCount?: number;
}

/** `t=<start-time> <stop-time>` (RFC 8866 §5.9), NTP seconds; `0 0` means unbounded. */
export interface SdpTiming {
  start: number;
  stop: number;
}

/** `b=<bwtype>:<bandwidth>` (RFC 8866 §5.8); `AS` and `CT` are in kbit/s, `TIAS` (RFC 3890) in bit/s. */
export interface SdpBandwidth {
  type: string;
  value: number;
}

/** `a=fingerprint:<hash-func> <fingerprint>` (RFC 8122 §5). */
export interface SdpFingerprint {
  hash: string;
  value: string;
}

/** `a=group:<semantics> <mid>…` (RFC 5888 §5). */
export interface SdpGroup {
  semantics: string;
  mids: string[];
}

/** One `a=extmap` mapping (RFC 8285 §8). */
export interface SdpExtmap {
  uri: string;
  /** `sendonly`, `recvonly`, `sendrecv` or `inactive`, when the line gives `<id>/<direction>`. */
  direction?: string;
  /** The extension attributes after the URI, as written. */
  attributes?: string;
}

/** What the `a=ssrc:<id> <attribute>[:<value>]` lines (RFC 5576 §4.1) say about one SSRC. */
export interface SdpSsrc {
  cname?: string;
  /** `<stream id> <track id>` as written, e.g. `- 7ede69f7-…`. */
  msid?: string;
  /** Every source attribute by name (`cname`, `msid`, `label`, `mslabel`, …); a name without value maps to "". */
  attributes: Record<string, string>;
}

/** `a=ssrc-group:<semantics> <ssrc>…` (RFC 5576 §4.2), e.g. `FID` for RTX, `SIM` for simulcast. */
export interface SdpSsrcGroup {
  semantics: string;
  ssrcs: number[];
}

/** `a=msid:<stream id> [<track id>]` (RFC 8830 §2); a section may have several. */
export interface SdpMsid {
  stream: string;
  track?: string;
}

/** One RTP payload type of a media section, from `m=`, `a=rtpmap`, `a=fmtp` and `a=rtcp-fb`. */
export interface SdpPayloadType {
  pt: number;
  /** Encoding name as written (`opus`, `H264`, `PCMU`, `telephone-event`, …). */
  encoding: string;
  /** RTP timestamp clock rate in Hz. */
  clockRate: number;
  /** Audio channels from `a=rtpmap:<pt> <enc>/<rate>/<channels>` or the static table; absent means 1 for audio. */
  channels?: number;
  /** The `a=fmtp` parameters by name, as written; a parameter without `=` (RED's `111/111`) maps to "". */
  fmtp: Record<string, string>;
  /** The `a=fmtp` parameter text as written, when there is one. */
  fmtpLine?: string;
  /** `a=rtcp-fb` values for this PT or `*` (RFC 4585 §4.2): `nack`, `nack pli`, `ccm fir`, `transport-cc`, … */
  rtcpFb: string[];
  /** True when the SDP has no `a=rtpmap` for it and the name and clock rate come from RFC 3551's static table. */
  static: boolean;
}

/** An ICE candidate, `a=candidate` (RFC 8839 §5.1). */
export interface IceCandidate {
  foundation: string;
  /** 1 = RTP, 2 = RTCP. */
  component: number;
  /** As written: `udp`, `UDP`, `tcp`, … */
  transport: string;
  priority: number;
  /** An IP literal, or an FQDN such as Chromium's mDNS `<uuid>.local` names. */
  address: string;
  port: number;
  type: OpenString<"host" | "srflx" | "prflx" | "relay">;
  relAddr?: string;
  relPort?: number;
  /** RFC 6544 §4.5: `active`, `passive` or `so`. */
  tcpType?: string;
  /** The other `<name> <value>` extension pairs: `generation`, `ufrag`, `network-id`, `network-cost`, … */
  extensions: Record<string, string>;
}

/** One media section, from its `m=` line up to the next (RFC 8866 §5.14). */
export interface SdpMedia {
  type: OpenString<"audio" | "video" | "application" | "text" | "message">;
  port: number;
  /** `m=<media> <port>/<number of ports>`: for RTP, ports `port`, `port+2`, … (RFC 8866 §5.14). */
  portCount?: number;
  /** `RTP/AVP`, `RTP/SAVP`, `RTP/AVPF`, `UDP/TLS/RTP/SAVPF`, `UDP/DTLS/SCTP`, … */
  protocol: string;
  /** The `<fmt>` list as written: payload type numbers for RTP, e.g. `webrtc-datachannel` otherwise. */
  formats: string[];
  /** The section's `c=`, or the session's, which applies when the section has none (RFC 8866 §5.7). */
  connection?: SdpConnection;
  information?: string;
  bandwidth: SdpBandwidth[];
  mid?: string;
  /** The section's direction attribute, or the session's. Absent in both means `sendrecv` (RFC 8866 §6.7). */
  direction?: "sendrecv" | "sendonly" | "recvonly" | "inactive";
  /** `a=rtcp-mux` (RFC 5761 §5.1.1): RTCP shares the RTP port. */
  rtcpMux: boolean;
  /** `a=rtcp:<port> [IN IP4 <address>]` (RFC 3605). */
  rtcp?: { port: number; address?: string };
  /** Keyed by PT, in the order of the `m=` list (PTs only found in `a=rtpmap` lines come after). RTP sections only. */
  payloadTypes: Map<number, SdpPayloadType>;
  /** Keyed by extension id: the section's own `a=extmap` lines, plus the session-level ones (RFC 8285 §8). */
  extmap: Map<number, SdpExtmap>;
  /** Keyed by SSRC, in order of first appearance. */
  ssrcs: Map<number, SdpSsrc>;
  ssrcGroups: SdpSsrcGroup[];
  msid: SdpMsid[];
  candidates: IceCandidate[];
  /** `a=end-of-candidates` (RFC 8840 §8.2). */
  endOfCandidates: boolean;
  /** The section's `a=ice-ufrag`, or the session's (RFC 8839 §5.4). */
  iceUfrag?: string;
  /** The section's `a=ice-pwd`, or the session's. */
  icePwd?: string;
  /** The section's `a=fingerprint`, or the session's (the first, when there are several). */
  fingerprint?: SdpFingerprint;
  /** The section's `a=setup` (RFC 4145 §4), or the session's: `actpass`, `active`, `passive`, `holdconn`. */
  setup?: string;
  attributes: SdpAttribute[];
  otherLines: SdpLine[];
  /** Line number of the `m=` line. */
  line: number;
}

/** A parsed SDP. */
export interface SdpSession {
  /** `v=`; always 0 (RFC 8866 §5.1). */
  version: number;
  /**
   * True when the text had no session part and started at an `m=` line. The original netpix accepted only such
   * fragments (an `m=` line and its `a=` lines, pasted from Wireshark), so they are still accepted.
   */
  fragment: boolean;
  origin?: SdpOrigin;
  /** `s=` */
  name?: string;
  /** `i=` */
  information?: string;
  /** Session-level `c=` (each {@linkcode SdpMedia.connection} already falls back to it). */
  connection?: SdpConnection;
  /** The first `t=` line; later ones are in `otherLines`. */
  timing?: SdpTiming;
  bandwidth: SdpBandwidth[];
  /** Session-level `a=` lines. */
  attributes: SdpAttribute[];
  media: SdpMedia[];
  /** Every `a=group` line. */
  groups: SdpGroup[];
  /** The mids of each `a=group:BUNDLE` line (RFC 9143 §7). */
  bundleGroups: string[][];
  iceUfrag?: string;
  icePwd?: string;
  /** `a=ice-lite` (RFC 8839 §5.3). */
  iceLite: boolean;
  /** Session-level `a=fingerprint`; WebRTC offers put theirs in each media section instead. */
  fingerprint?: SdpFingerprint;
  otherLines: SdpLine[];
  warnings: SdpWarning[];
}
