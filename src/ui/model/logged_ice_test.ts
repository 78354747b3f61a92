import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { LoggedIcePairs, MAX_LOGGED_PAIRS } from "./logged_ice.ts";

const config = (type: string, pairId: number) => ({
  type,
  pairId,
  localType: "relay",
  localRelayProtocol: "tcp",
  localNetwork: "wifi",
  localFamily: "ipv4",
  remoteType: "srflx",
  remoteFamily: "ipv6",
  protocol: "udp",
});

Deno.test("a logged pair counts its checks and responses, times its RTT and becomes nominated once selected", () => {
  const ice = new LoggedIcePairs();
  ice.observe("ice-pair-config", config("added", 3), 10);
  ice.observe("ice-pair-event", { type: "check-sent", pairId: 3, transactionId: 1 }, 10.0);
  ice.observe("ice-pair-event", { type: "check-sent", pairId: 3, transactionId: 2 }, 10.1);
  strictEqual(ice.pairs()[0]!.state, "in-progress");
  ice.observe("ice-pair-event", { type: "check-received", pairId: 3, transactionId: 9 }, 10.2);
  ice.observe("ice-pair-event", { type: "check-response-sent", pairId: 3, transactionId: 9 }, 10.2);
  ice.observe("ice-pair-event", { type: "check-response-received", pairId: 3, transactionId: 2 }, 10.125);
  strictEqual(ice.pairs()[0]!.state, "succeeded");
  ice.observe("ice-pair-config", config("selected", 3), 11);
  ice.observe("bwe-delay", { bitrateBps: 1 }, 11);
  const [p] = ice.pairs();
  deepStrictEqual(
    [p!.local, p!.remote, p!.state, p!.requests, p!.successes, p!.checksReceived, p!.responsesSent, p!.nominations],
    ["relay/tcp (pair 3)", "srflx (pair 3)", "nominated", 2, 1, 1, 1, 1],
  );
  deepStrictEqual([p!.lastConfig, p!.selected, p!.protocol, p!.remoteFamily], ["selected", true, "udp", "ipv6"]);
  strictEqual(Math.round(p!.mean_rtt_ms! * 1000), 25_000);
});

Deno.test("logged pairs beyond the bound are counted, not followed", () => {
  const ice = new LoggedIcePairs();
  for (let i = 0; i < MAX_LOGGED_PAIRS + 5; i++) ice.observe("ice-pair-config", config("added", i), 0);
  strictEqual(ice.size, MAX_LOGGED_PAIRS);
  strictEqual(ice.dropped, 5);
});
