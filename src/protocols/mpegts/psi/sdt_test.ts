import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodeSdt } from "./sdt.ts";
import { section } from "./_section_test_helpers.ts";
import * as F from "../_fixtures.ts";

Deno.test('decodeSdt() reads demo.pcap\'s SDT: service 1 "netpix-demo" by "netpix", running', () => {
  const s = decodeSdt(F.sectionOf(F.DEMO_SDT, 5, 42));
  ok(!isFailure(s));
  deepStrictEqual([s.actual, s.transportStreamId, s.originalNetworkId, s.header.crcOk, s.error], [
    true,
    1,
    0xff01,
    true,
    null,
  ]);
  const svc = s.services[0]!;
  deepStrictEqual([svc.serviceId, svc.runningStatus, svc.freeCaMode, svc.eitSchedule, svc.eitPresentFollowing], [
    1,
    4,
    false,
    false,
    false,
  ]);
  deepStrictEqual(svc.descriptors.descriptors[0]?.decoded, {
    kind: "dvb_service",
    serviceType: 1,
    providerName: "netpix",
    serviceName: "netpix-demo",
  });
});

Deno.test("decodeSdt() reports a descriptors_loop_length past the section and keeps the service", () => {
  const s = decodeSdt(section([0x42, 0xf0, 0, 0, 1, 0xc1, 0, 0, 0xff, 0x01, 0xff, 0, 1, 0xfc, 0x8f, 0x48, 1]));
  ok(!isFailure(s));
  deepStrictEqual([s.services.length, s.error?.reason], [1, "bad-length"]);
});

Deno.test("decodeSdt() rejects a PAT", () => {
  const r = decodeSdt(F.sectionOf(F.DEMO_PAT, 5, 16));
  strictEqual(isFailure(r) && r.reason, "bad-value");
});
