/**
 * ICE candidate pairs as an event log records them (`ice-pair-config` and `ice-pair-event`, src/eventlog/events.ts),
 * mapped onto the analysis' `IcePairReport` shape so the ICE table and diagram show them beside the pairs derived from
 * captured STUN.
 *
 * Mapping (the v2 format logs candidate types, families and networks, never addresses):
 * - `local` / `remote`: a candidate label, the candidate type (host, srflx, prflx, relay; a relay with its relay
 *   protocol) with the pair id, e.g. "host (pair 7)" and "srflx (pair 7)". The id keeps every pair its own curve:
 *   the log does not say which pairs share a candidate.
 * - `requests` = check-sent events, `successes` = check-response-received events; checks received and responses
 *   sent are kept beside them (`checksReceived`, `responsesSent`). Retransmissions, errors and timeouts are not
 *   logged (0).
 * - RTT: from each check-sent to the check-response-received with the same transaction id, on the log's clock.
 * - `nominations` = configs of type "selected"; `state` = "nominated" once one was logged, else "succeeded" once a
 *   response was received, else "in-progress" (RFC 8445 §6.1.2.6's states; "failed" is never inferred).
 * - `roles` (controlling/controlled) and `media_packets` are not logged per pair: [] and 0.
 * @module
 */
// This module is browser compatible.

import type { IcePairReport } from "../../analysis/session.ts";
import type { InfoValue } from "../../eventlog/events.ts";

/** Most pairs followed; events of further pairs are counted in `dropped`. */
export const MAX_LOGGED_PAIRS = 1024;
/** Most checks per pair awaiting their response (for the RTT); the oldest is forgotten beyond it. */
const MAX_PENDING_CHECKS = 64;

/** A logged pair as the ICE view shows it: the report shape plus what only the log tells. */
export interface LoggedIcePair extends IcePairReport {
  pairId: number;
  localType: string;
  remoteType: string;
  protocol: string;
  localNetwork: string;
  localFamily: string;
  remoteFamily: string;
  /** The type of the last config logged (added, updated, destroyed, selected). */
  lastConfig: string;
  selected: boolean;
  checksReceived: number;
  responsesSent: number;
}

interface Entry {
  pair: LoggedIcePair;
  /** Transaction id → send time (s) of checks sent and not yet answered. */
  pending: Map<number, number>;
  rttSum: number;
  rttCount: number;
}

const str = (v: InfoValue | undefined): string => typeof v === "string" ? v : "unknown";

function candidateLabel(type: string, relayProtocol: string, pairId: number): string {
  const t = type === "relay" && relayProtocol !== "unknown" ? `relay/${relayProtocol}` : type;
  return `${t} (pair ${pairId})`;
}

/** Follows the logged pairs; fed every event record once, in log order. */
export class LoggedIcePairs {
  /** Events of pairs beyond {@linkcode MAX_LOGGED_PAIRS}, not counted. */
  dropped = 0;
  readonly #pairs = new Map<number, Entry>();

  clear(): void {
    this.#pairs.clear();
    this.dropped = 0;
  }

  get size(): number {
    return this.#pairs.size;
  }

  #entry(pairId: number): Entry | null {
    let e = this.#pairs.get(pairId);
    if (e) return e;
    if (this.#pairs.size >= MAX_LOGGED_PAIRS) {
      this.dropped++;
      return null;
    }
    e = {
      pair: {
        local: candidateLabel("unknown", "unknown", pairId),
        remote: candidateLabel("unknown", "unknown", pairId),
        state: "in-progress",
        requests: 0,
        retransmissions: 0,
        successes: 0,
        errors: 0,
        timeouts: 0,
        nominations: 0,
        min_rtt_ms: null,
        mean_rtt_ms: null,
        max_rtt_ms: null,
        roles: [],
        media_packets: 0,
        pairId,
        localType: "unknown",
        remoteType: "unknown",
        protocol: "unknown",
        localNetwork: "unknown",
        localFamily: "unknown",
        remoteFamily: "unknown",
        lastConfig: "",
        selected: false,
        checksReceived: 0,
        responsesSent: 0,
      },
      pending: new Map(),
      rttSum: 0,
      rttCount: 0,
    };
    this.#pairs.set(pairId, e);
    return e;
  }

  /**
   * Takes one logged event; ignores all but `ice-pair-config` and `ice-pair-event`.
   * @param timeSec The record's time, seconds (any origin; only differences are used).
   */
  observe(event: string, fields: Record<string, InfoValue>, timeSec: number): void {
    if (event !== "ice-pair-config" && event !== "ice-pair-event") return;
    const id = fields.pairId;
    if (typeof id !== "number") return;
    const e = this.#entry(id);
    if (!e) return;
    const p = e.pair;
    const type = str(fields.type);
    if (event === "ice-pair-config") {
      p.lastConfig = type;
      p.localType = str(fields.localType);
      p.remoteType = str(fields.remoteType);
      p.protocol = str(fields.protocol);
      p.localNetwork = str(fields.localNetwork);
      p.localFamily = str(fields.localFamily);
      p.remoteFamily = str(fields.remoteFamily);
      p.local = candidateLabel(p.localType, str(fields.localRelayProtocol), id);
      p.remote = candidateLabel(p.remoteType, "unknown", id);
      if (type === "selected") {
        p.selected = true;
        p.nominations++;
      }
    } else {
      const tx = typeof fields.transactionId === "number" ? fields.transactionId : null;
      switch (type) {
        case "check-sent":
          p.requests++;
          if (tx !== null) {
            if (e.pending.size >= MAX_PENDING_CHECKS) e.pending.delete(e.pending.keys().next().value!);
            e.pending.set(tx, timeSec);
          }
          break;
        case "check-received":
          p.checksReceived++;
          break;
        case "check-response-sent":
          p.responsesSent++;
          break;
        case "check-response-received": {
          p.successes++;
          const sent = tx === null ? undefined : e.pending.get(tx);
          if (sent !== undefined) {
            e.pending.delete(tx!);
            const rtt = Math.max(0, (timeSec - sent) * 1000);
            e.rttSum += rtt;
            e.rttCount++;
            p.min_rtt_ms = p.min_rtt_ms === null ? rtt : Math.min(p.min_rtt_ms, rtt);
            p.max_rtt_ms = p.max_rtt_ms === null ? rtt : Math.max(p.max_rtt_ms, rtt);
            p.mean_rtt_ms = e.rttSum / e.rttCount;
          }
          break;
        }
      }
    }
    p.state = p.selected ? "nominated" : p.successes > 0 ? "succeeded" : "in-progress";
  }

  /** The pairs in order of first appearance (copies, so a view can tell a change by identity). */
  pairs(): LoggedIcePair[] {
    return [...this.#pairs.values()].map((e) => ({ ...e.pair }));
  }
}
