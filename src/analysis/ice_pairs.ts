/**
 * ICE candidate pairs (RFC 8445 §6.1.2) inferred from the STUN Binding traffic of a capture: per pair, the checks sent,
 * their responses, retransmissions, nominations, failures, round-trip times from request/response matching, the roles
 * claimed and a state. Every figure is defined in `RTCP_ICE_METRICS.md` next to this file.
 *
 * A pair is keyed by the direction of its requests: `local` is the transport address that sends the Binding requests,
 * `remote` the one they go to. A response (from remote to local) counts for the pair of its request. Both agents check
 * the same 5-tuple (RFC 8445 §7.3.1.4 triggered checks), so one 5-tuple usually gives two pairs, `A > B` and `B > A`,
 * one per agent's check list.
 *
 * State is bounded: at most `maxPairs` pairs (`droppedPairs` counts messages for pairs beyond it) and at most
 * `maxOutstanding` transactions awaiting a response (the oldest is evicted, `evictedTransactions`).
 *
 * @example A check, its success response and media on the pair
 * ```ts
 * import { IcePairs } from "./ice_pairs.ts";
 * import { strictEqual } from "node:assert/strict";
 * const pairs = new IcePairs();
 * pairs.observe({ class: "request", transactionId: "01", useCandidate: true, role: "controlling" }, "10.0.0.1:5000", "10.0.0.2:6000", 1.000);
 * pairs.observe({ class: "success", transactionId: "01", useCandidate: false }, "10.0.0.2:6000", "10.0.0.1:5000", 1.012);
 * pairs.observeMedia("10.0.0.2:6000", "10.0.0.1:5000");
 * const [p] = pairs.snapshot();
 * strictEqual(p!.state, "sending-media");
 * strictEqual(p!.meanRttMs?.toFixed(3), "12.000");
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { type IceRole, iceView, type StunClass, type StunMessage } from "../protocols/stun/mod.ts";

/** State of a pair, derived from its counters (see RTCP_ICE_METRICS.md, "Pair state"). */
export type IcePairState = "in-progress" | "failed" | "succeeded" | "nominated" | "sending-media";

/** What {@linkcode IcePairs.observe} needs of one Binding message (`iceView()` plus the transaction ID give it). */
export interface IceBindingFields {
  readonly class: StunClass;
  /** Hex transaction ID. */
  readonly transactionId: string;
  /** USE-CANDIDATE present. */
  readonly useCandidate: boolean;
  /** GOOG-NOMINATION value (WebRTC renomination), when present. */
  readonly nomination?: number;
  /** From ICE-CONTROLLING / ICE-CONTROLLED. */
  readonly role?: IceRole;
  /** PRIORITY value. */
  readonly priority?: { readonly value: number };
  /** ERROR-CODE of an error response. */
  readonly errorCode?: number;
  /** USERNAME ufrags. */
  readonly username?: { readonly remote: string; readonly local: string };
}

/** Everything {@linkcode IcePairs.snapshot} reports about one pair. */
export interface IcePairSnapshot {
  /** Sender of the requests, `"ip:port"`. */
  local: string;
  /** Target of the requests, `"ip:port"`. */
  remote: string;
  state: IcePairState;
  /** Binding requests sent local → remote, retransmissions included. */
  requests: number;
  /** Requests that repeat a transaction ID already seen on this pair (RFC 8489 §6.2.1 retransmissions). */
  retransmissions: number;
  /** Success responses remote → local. */
  successes: number;
  /** Error responses remote → local. */
  errors: number;
  /** Responses whose transaction was not outstanding (timed out, evicted, or its request not captured). */
  unmatchedResponses: number;
  /** Transactions with no response within `timeoutMs` of their last transmission. */
  timeouts: number;
  /** Transactions still waiting for a response (not yet timed out). */
  outstanding: number;
  /** Requests carrying USE-CANDIDATE or GOOG-NOMINATION (retransmissions included). */
  nominations: number;
  /** Nominating transactions answered with success: the pair is nominated (RFC 8445 §8.1.1). */
  nominationSuccesses: number;
  /** `errors + timeouts`. */
  failures: number;
  /** Distinct ERROR-CODE values, ascending (487 = Role Conflict). */
  errorCodes: number[];
  /** Roles claimed in the requests (ICE-CONTROLLING / -CONTROLLED), in order first seen; two after a role switch. */
  roles: IceRole[];
  /** PRIORITY of the latest request (the local candidate's priority as prflx), or null. */
  priority: number | null;
  /** Ufrags from the latest request's USERNAME (`remote:local`), or null. */
  localUfrag: string | null;
  remoteUfrag: string | null;
  /** Requests with an ICE attribute (USERNAME, PRIORITY, role, USE-CANDIDATE); 0 for plain STUN (server reflexive gathering). */
  connectivityChecks: number;
  /** Binding indications local → remote (RFC 8445 §11 keepalives). */
  indications: number;
  /** RTT samples: transactions sent once and answered (Karn: retransmitted ones are ambiguous and skipped). */
  rttSamples: number;
  minRttMs: number | null;
  meanRttMs: number | null;
  maxRttMs: number | null;
  /** Media packets reported on the pair's 5-tuple, either direction. */
  mediaPackets: number;
  /** Time of the first / latest message on the pair, seconds as passed in. */
  firstSeen: number;
  lastSeen: number;
}

/** Limits and the timeout of {@linkcode IcePairs}. */
export interface IcePairsOptions {
  /** Most pairs tracked; default 1024. */
  maxPairs?: number;
  /** Most transactions awaiting a response; default 4096. */
  maxOutstanding?: number;
  /** A transaction without response this long after its last transmission is a timeout; default 2000 ms. */
  timeoutMs?: number;
}

interface PairState {
  snap: Omit<IcePairSnapshot, "state" | "outstanding" | "failures" | "meanRttMs" | "errorCodes" | "roles">;
  roles: IceRole[];
  errorCodes: Set<number>;
  outstanding: number;
  rttSum: number;
}

interface Transaction {
  pair: PairState;
  firstSent: number;
  lastSent: number;
  transmissions: number;
  nominating: boolean;
}

const SEP = " > ";

/**
 * Candidate pairs of one capture (or one live source), fed Binding messages in capture order.
 * @example See the module example.
 */
export class IcePairs {
  readonly #maxPairs: number;
  readonly #maxOutstanding: number;
  readonly #timeoutS: number;
  readonly #pairs = new Map<string, PairState>();
  /** Outstanding transactions by ID, ordered by last transmission (a retransmission re-inserts). */
  readonly #tx = new Map<string, Transaction>();
  /** Messages for new pairs not tracked because `maxPairs` were already tracked. */
  droppedPairs = 0;
  /** Outstanding transactions evicted (oldest first) to stay within `maxOutstanding`; they count as nothing. */
  evictedTransactions = 0;

  /** @param options Limits and the timeout; see {@linkcode IcePairsOptions}. */
  constructor(options: IcePairsOptions = {}) {
    this.#maxPairs = options.maxPairs ?? 1024;
    this.#maxOutstanding = options.maxOutstanding ?? 4096;
    this.#timeoutS = (options.timeoutMs ?? 2000) / 1000;
  }

  /**
   * Convenience for decoded messages: runs `iceView()` and ignores anything but Binding.
   * @param m A decoded STUN message.
   * @param src Sender `"ip:port"`.
   * @param dst Receiver `"ip:port"`.
   * @param timeS Capture time, seconds (any origin, non-decreasing).
   */
  observeStun(m: StunMessage, src: string, dst: string, timeS: number): void {
    const v = iceView(m);
    if (v === undefined) return;
    this.observe({ ...v, transactionId: m.transactionId }, src, dst, timeS);
  }

  /**
   * Takes one Binding message.
   * @param b The message's ICE fields.
   * @param src Sender `"ip:port"`.
   * @param dst Receiver `"ip:port"`.
   * @param timeS Capture time, seconds (any origin, non-decreasing).
   */
  observe(b: IceBindingFields, src: string, dst: string, timeS: number): void {
    this.expire(timeS);
    if (b.class === "request" || b.class === "indication") {
      const p = this.#pair(src, dst, timeS);
      if (p === undefined) return;
      const s = p.snap;
      s.lastSeen = timeS;
      if (b.class === "indication") {
        s.indications++;
        return;
      }
      s.requests++;
      const nominating = b.useCandidate || b.nomination !== undefined;
      if (nominating) s.nominations++;
      if (b.role !== undefined && !p.roles.includes(b.role)) p.roles.push(b.role);
      if (b.priority !== undefined) s.priority = b.priority.value;
      if (b.username !== undefined) {
        s.localUfrag = b.username.local;
        s.remoteUfrag = b.username.remote;
      }
      if (b.useCandidate || b.role !== undefined || b.priority !== undefined || b.username !== undefined) {
        s.connectivityChecks++;
      }
      const t = this.#tx.get(b.transactionId);
      if (t !== undefined && t.pair === p) {
        s.retransmissions++;
        t.transmissions++;
        t.lastSent = timeS;
        t.nominating ||= nominating;
        this.#tx.delete(b.transactionId); // re-insert: the map stays ordered by last transmission
        this.#tx.set(b.transactionId, t);
        return;
      }
      if (this.#tx.size >= this.#maxOutstanding) this.#evictOldest();
      this.#tx.set(b.transactionId, { pair: p, firstSent: timeS, lastSent: timeS, transmissions: 1, nominating });
      p.outstanding++;
      return;
    }
    // A response goes remote → local: its pair is keyed the other way round.
    const p = this.#pair(dst, src, timeS);
    if (p === undefined) return;
    const s = p.snap;
    s.lastSeen = timeS;
    const success = b.class === "success";
    if (success) s.successes++;
    else {
      s.errors++;
      if (b.errorCode !== undefined) p.errorCodes.add(b.errorCode);
    }
    const t = this.#tx.get(b.transactionId);
    if (t === undefined || t.pair !== p) {
      s.unmatchedResponses++;
      return;
    }
    this.#tx.delete(b.transactionId);
    p.outstanding--;
    if (success && t.nominating) s.nominationSuccesses++;
    if (t.transmissions === 1) {
      const ms = (timeS - t.firstSent) * 1000;
      s.rttSamples++;
      p.rttSum += ms;
      if (s.minRttMs === null || ms < s.minRttMs) s.minRttMs = ms;
      if (s.maxRttMs === null || ms > s.maxRttMs) s.maxRttMs = ms;
    }
  }

  /**
   * Counts a media (RTP, RTCP, DTLS…) packet on a 5-tuple; it goes to the pairs `src > dst` and `dst > src` if tracked.
   * @param src Sender `"ip:port"`.
   * @param dst Receiver `"ip:port"`.
   */
  observeMedia(src: string, dst: string): void {
    const a = this.#pairs.get(src + SEP + dst);
    if (a !== undefined) a.snap.mediaPackets++;
    const b = this.#pairs.get(dst + SEP + src);
    if (b !== undefined) b.snap.mediaPackets++;
  }

  /**
   * Declares every outstanding transaction whose last transmission is more than `timeoutMs` before `nowS` timed out.
   * `observe()` calls it; call it yourself at the end of a capture (e.g. with the last packet's time) or on a timer.
   * @param nowS Current time, seconds, same origin as `observe()`.
   */
  expire(nowS: number): void {
    for (const [id, t] of this.#tx) {
      if (nowS - t.lastSent <= this.#timeoutS) break; // ordered by last transmission
      this.#tx.delete(id);
      t.pair.outstanding--;
      t.pair.snap.timeouts++;
    }
  }

  /** @returns One snapshot per pair, in order of first message (fresh objects). */
  snapshot(): IcePairSnapshot[] {
    return [...this.#pairs.values()].map((p) => {
      const s = p.snap;
      const failures = s.errors + s.timeouts;
      let state: IcePairState = "in-progress";
      if (s.successes > 0) {
        state = s.nominationSuccesses > 0 ? "nominated" : "succeeded";
        if (s.mediaPackets > 0) state = "sending-media";
      } else if (failures > 0 && p.outstanding === 0) state = "failed";
      return {
        ...s,
        state,
        outstanding: p.outstanding,
        failures,
        meanRttMs: s.rttSamples === 0 ? null : p.rttSum / s.rttSamples,
        errorCodes: [...p.errorCodes].sort((x, y) => x - y),
        roles: [...p.roles],
      };
    });
  }

  #evictOldest(): void {
    for (const [id, t] of this.#tx) {
      this.#tx.delete(id);
      t.pair.outstanding--;
      this.evictedTransactions++;
      return;
    }
  }

  #pair(local: string, remote: string, timeS: number): PairState | undefined {
    const key = local + SEP + remote;
    let p = this.#pairs.get(key);
    if (p !== undefined) return p;
    if (this.#pairs.size >= this.#maxPairs) {
      this.droppedPairs++;
      return undefined;
    }
    p = {
      snap: {
        local,
        remote,
        requests: 0,
        retransmissions: 0,
        successes: 0,
        errors: 0,
        unmatchedResponses: 0,
        timeouts: 0,
        nominations: 0,
        nominationSuccesses: 0,
        priority: null,
        localUfrag: null,
        remoteUfrag: null,
        connectivityChecks: 0,
        indications: 0,
        rttSamples: 0,
        minRttMs: null,
        maxRttMs: null,
        mediaPackets: 0,
        firstSeen: timeS,
        lastSeen: timeS,
      },
      roles: [],
      errorCodes: new Set(),
      outstanding: 0,
      rttSum: 0,
    };
    this.#pairs.set(key, p);
    return p;
  }
}
