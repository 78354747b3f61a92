import { strictEqual } from "node:assert/strict";
import { liveFilter, ownTrafficFilter } from "./filters.ts";

Deno.test("ownTrafficFilter() names host and port for a specific address", () => {
  strictEqual(ownTrafficFilter("127.0.0.1", 3550), "not (host 127.0.0.1 and port 3550)");
  strictEqual(ownTrafficFilter("::1", 8080), "not (host ::1 and port 8080)");
});

Deno.test("ownTrafficFilter() names only the port for a wildcard address", () => {
  strictEqual(ownTrafficFilter("0.0.0.0", 3550), "not port 3550");
  strictEqual(ownTrafficFilter("::", 3550), "not port 3550");
});

Deno.test("liveFilter() ANDs the user's filter, or stands alone without one", () => {
  strictEqual(liveFilter("127.0.0.1", 1, "udp"), "(not (host 127.0.0.1 and port 1)) and (udp)");
  strictEqual(liveFilter("127.0.0.1", 1, "  "), "not (host 127.0.0.1 and port 1)");
});
