/**
 * The ICE view of a STUN Binding (RFC 8445 §7): who is controlling, the candidate priority the check carries, whether
 * it nominates the pair, and whose ufrags the USERNAME joins. The original netpix's ICE table (§4.7 of the reference)
 * needs exactly these.
 *
 * A connectivity check request carries (RFC 8445 §7.1.1–7.1.2, §16.1):
 * - `USERNAME` = "RFRAG:LFRAG": the receiver's ufrag, a colon, the sender's ufrag;
 * - `PRIORITY`: the priority the sender's candidate would have as peer-reflexive (§5.1.2.1);
 * - `ICE-CONTROLLING` or `ICE-CONTROLLED`: the sender's role, with its 64-bit tie-breaker;
 * - `USE-CANDIDATE` from the controlling agent when it nominates the pair;
 * - `MESSAGE-INTEGRITY` and `FINGERPRINT`.
 *
 * @example The view of a controlling agent's nominating check
 * ```ts
 * import { decodeStun, iceView } from "./mod.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = new Uint8Array([
 *   0x00, 0x01, 0x00, 0x20, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
 *   0x00, 0x24, 0x00, 0x04, 0x6e, 0xff, 0xff, 0xff,                         // PRIORITY 0x6effffff
 *   0x80, 0x2a, 0x00, 0x08, 0x3f, 0x57, 0x49, 0x01, 0xbb, 0x9a, 0x85, 0x26, // ICE-CONTROLLING
 *   0x00, 0x25, 0x00, 0x00,                                                 // USE-CANDIDATE
 *   0x00, 0x06, 0x00, 0x04, 0x61, 0x3a, 0x62, 0x62,                         // USERNAME "a:bb"
 * ]);
 * const m = decodeStun(bytes);
 * if (isFailure(m)) throw new Error(m.detail);
 * const ice = iceView(m);
 * strictEqual(ice?.role, "controlling");
 * strictEqual(ice?.useCandidate, true);
 * strictEqual(ice?.priority?.candidateType, "prflx");
 * strictEqual(ice?.username?.local, "bb");
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { StunAttributeType } from "./attributes.ts";
import { type StunClass, type StunMessage, StunMethod } from "./message.ts";

/** The ICE role an agent claims in its checks. */
export type IceRole = "controlling" | "controlled";

/** ICE candidate types (RFC 8445 §5.1.1). */
export type IceCandidateType = "host" | "prflx" | "srflx" | "relay";

/** RFC 8445 §5.1.2.2: the recommended type preferences. */
export const ICE_TYPE_PREFERENCES: Readonly<Record<IceCandidateType, number>> = {
  host: 126,
  prflx: 110,
  srflx: 100,
  relay: 0,
};

/** A candidate priority taken apart (RFC 8445 §5.1.2.1). */
export interface IcePriority {
  /** The 32-bit value. */
  readonly value: number;
  /** Top 8 bits: preference of the candidate type. */
  readonly typePreference: number;
  /** Middle 16 bits: preference among the agent's own addresses (e.g. by interface and IP family). */
  readonly localPreference: number;
  /** 256 − the low 8 bits: the component (1 for RTP, 2 for RTCP when not muxed). */
  readonly componentId: number;
  /** The candidate type whose recommended preference equals `typePreference`, if any. */
  readonly candidateType?: IceCandidateType;
}

/**
 * Takes a priority apart: `priority = 2^24 × type preference + 2^8 × local preference + (256 − component ID)`.
 * @param priority The 32-bit PRIORITY value.
 * @returns The parts.
 * @example aioice's prflx priority for component 1
 * ```ts
 * import { icePriority } from "./ice.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(icePriority(1862270975), {
 *   value: 1862270975, typePreference: 110, localPreference: 65535, componentId: 1, candidateType: "prflx",
 * });
 * ```
 */
export function icePriority(priority: number): IcePriority {
  const value = priority >>> 0;
  const typePreference = value >>> 24;
  const parts = {
    value,
    typePreference,
    localPreference: (value >>> 8) & 0xffff,
    componentId: 256 - (value & 0xff),
  };
  const candidateType = (Object.keys(ICE_TYPE_PREFERENCES) as IceCandidateType[]).find((t) =>
    ICE_TYPE_PREFERENCES[t] === typePreference
  );
  return candidateType === undefined ? parts : { ...parts, candidateType };
}

/** The two ufrags of a check's USERNAME, as the request's sender sees them (RFC 8445 §7.2.2). */
export interface IceUsername {
  /** Before the colon: the ufrag of the agent receiving the request. */
  readonly remote: string;
  /** After the colon: the ufrag of the agent sending it. */
  readonly local: string;
}

/**
 * Splits a check's USERNAME "RFRAG:LFRAG" at its first colon (ufrags are ice-chars, RFC 8839 §5.4, so have none).
 * @param username The USERNAME text.
 * @returns The ufrags, or `undefined` without a colon (not an ICE username).
 * @example
 * ```ts
 * import { splitIceUsername } from "./ice.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(splitIceUsername("evtj:h6vY"), { remote: "evtj", local: "h6vY" });
 * deepStrictEqual(splitIceUsername("netpix"), undefined);
 * ```
 */
export function splitIceUsername(username: string): IceUsername | undefined {
  const colon = username.indexOf(":");
  return colon < 0 ? undefined : { remote: username.slice(0, colon), local: username.slice(colon + 1) };
}

/** What ICE reads from one Binding message. */
export interface IceBinding {
  /** The message's class. */
  readonly class: StunClass;
  /** A request or indication with PRIORITY, ICE-CONTROLLING/-CONTROLLED, USE-CANDIDATE or an ICE USERNAME. */
  readonly connectivityCheck: boolean;
  /** The sender's role, from ICE-CONTROLLING or ICE-CONTROLLED. */
  readonly role?: IceRole;
  /** The sender's tie-breaker, 16 hex digits (compare with `BigInt("0x" + tieBreaker)`). */
  readonly tieBreaker?: string;
  /** PRIORITY, taken apart. */
  readonly priority?: IcePriority;
  /** USE-CANDIDATE: the controlling agent nominates this pair (RFC 8445 §8.1.1). */
  readonly useCandidate: boolean;
  /** WebRTC's GOOG-NOMINATION value (renomination), when present. */
  readonly nomination?: number;
  /** The USERNAME's ufrags, when it has a colon. */
  readonly username?: IceUsername;
  /** XOR-MAPPED-ADDRESS of a success response: where the responder saw the check come from. */
  readonly mappedAddress?: { readonly address: string; readonly port: number; readonly family: 1 | 2 };
  /** ERROR-CODE of an error response (487 = Role Conflict, RFC 8445 §7.3.1.1). */
  readonly errorCode?: number;
  /** GOOG-NETWORK-INFO: the sender's network ID and cost (WebRTC). */
  readonly networkInfo?: { readonly networkId: number; readonly networkCost: number };
}

/**
 * The ICE view of a Binding message.
 * @param message A decoded message.
 * @returns The view, or `undefined` when the method is not Binding.
 * @example A plain STUN Binding request is not a connectivity check
 * ```ts
 * import { decodeStun, iceView } from "./mod.ts";
 * import { strictEqual } from "node:assert/strict";
 * const m = decodeStun(new Uint8Array([0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
 * strictEqual("attributes" in m && iceView(m)?.connectivityCheck, false);
 * ```
 */
export function iceView(message: StunMessage): IceBinding | undefined {
  if (message.method !== StunMethod.Binding) return undefined;
  const T = StunAttributeType;
  let role: IceRole | undefined;
  let tieBreaker: string | undefined;
  let priority: IcePriority | undefined;
  let useCandidate = false;
  let nomination: number | undefined;
  let username: IceUsername | undefined;
  let mappedAddress: IceBinding["mappedAddress"];
  let errorCode: number | undefined;
  let networkInfo: IceBinding["networkInfo"];
  for (const a of message.attributes) {
    if ((a.type === T.IceControlling || a.type === T.IceControlled) && a.kind === "tie-breaker" && role === undefined) {
      role = a.type === T.IceControlling ? "controlling" : "controlled";
      tieBreaker = a.tieBreaker;
    } else if (a.type === T.Priority && a.kind === "number" && priority === undefined) {
      priority = icePriority(a.value);
    } else if (a.type === T.UseCandidate && a.kind === "flag") {
      useCandidate = true;
    } else if (a.type === T.GoogNomination && a.kind === "number") {
      nomination = a.value;
    } else if (a.type === T.Username && a.kind === "text" && username === undefined) {
      username = splitIceUsername(a.text);
    } else if (a.type === T.XorMappedAddress && a.kind === "address" && mappedAddress === undefined) {
      mappedAddress = { address: a.address, port: a.port, family: a.family };
    } else if (a.type === T.ErrorCode && a.kind === "error-code" && errorCode === undefined) {
      errorCode = a.code;
    } else if (a.type === T.GoogNetworkInfo && a.kind === "network-info") {
      networkInfo = { networkId: a.networkId, networkCost: a.networkCost };
    }
  }
  const asking = message.class === "request" || message.class === "indication";
  const connectivityCheck = asking &&
    (role !== undefined || priority !== undefined || useCandidate || username !== undefined);
  return {
    class: message.class,
    connectivityCheck,
    useCandidate,
    ...(role === undefined ? {} : { role }),
    ...(tieBreaker === undefined ? {} : { tieBreaker }),
    ...(priority === undefined ? {} : { priority }),
    ...(nomination === undefined ? {} : { nomination }),
    ...(username === undefined ? {} : { username }),
    ...(mappedAddress === undefined ? {} : { mappedAddress }),
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(networkInfo === undefined ? {} : { networkInfo }),
  };
}
