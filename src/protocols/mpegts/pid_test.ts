import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { Pid, pidName } from "./pid.ts";

const cases: [number, string][] = [
  [Pid.Pat, "PAT"],
  [Pid.Cat, "CAT"],
  [Pid.Tsdt, "TSDT"],
  [Pid.Ipmp, "IPMP"],
  [4, "adaptive streaming"],
  [5, "reserved"], // 0x0005–0x000F panicked the original tool
  [0x000f, "reserved"],
  [Pid.Nit, "NIT"],
  [Pid.Sdt, "SDT/BAT"],
  [Pid.Eit, "EIT"],
  [Pid.Rst, "RST"],
  [Pid.Tdt, "TDT/TOT"],
  [0x0017, "reserved (DVB)"],
  [0x001e, "DIT"],
  [0x001f, "SIT"],
  [0x0020, "PID 0x0020"],
  [0x1000, "PID 0x1000"],
  [0x1ffb, "ATSC PSIP"],
  [Pid.Null, "null"],
  [0x2000, "invalid PID"],
  [-1, "invalid PID"],
];
for (const [pid, name] of cases) {
  Deno.test(`pidName() names ${pid} "${name}"`, () => strictEqual(pidName(pid), name));
}

Deno.test("pidName() names every 13-bit PID without throwing", () => {
  const names = new Set<string>();
  for (let pid = 0; pid <= 0x1fff; pid++) {
    const n = pidName(pid);
    ok(n.length > 0 && n !== "invalid PID", `PID ${pid}`);
    names.add(n);
  }
  // 5 fixed (0–4), "reserved", 12 DVB names, 8158 numbered (0x20–0x1FFE but 0x1FFB), ATSC PSIP, null
  deepStrictEqual(names.size, 5 + 1 + 12 + 8158 + 2);
});
