/**
 * scripts/netpix.service: systemd accepts it, it asks for what the issue requires, and netpix works under the
 * privileges it grants (an unprivileged user with CAP_NET_RAW and CAP_NET_ADMIN as ambient capabilities and
 * no_new_privs), emulated with setpriv(1) since this machine's PID 1 is not systemd.
 */
import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { createSocket } from "node:dgram";
import { PERMISSIONS, stageExecutableTree, stageNpmCache } from "./_executable_tree.ts";
import { MAIN, ROOT_PATH, RUN_PERMISSIONS } from "./_netpix.ts";

const UNIT = `${ROOT_PATH}scripts/netpix.service`;
const ENV_FILE = `${ROOT_PATH}scripts/netpix.env`;
const dec = new TextDecoder();
const NOBODY = 65534;

function has(cmd: string, args: string[]): boolean {
  try {
    return new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
}

const HAS_SYSTEMD_ANALYZE = has("systemd-analyze", ["--version"]);
const HAS_SETPRIV = has("setpriv", ["--version"]) && Deno.uid() === 0;
if (!HAS_SYSTEMD_ANALYZE) console.log("systemd_unit_test: systemd-analyze is absent: the verify tests are skipped");
if (!HAS_SETPRIV) console.log("systemd_unit_test: needs root and setpriv(1): the privilege test is skipped");

/** The unit's [Service] settings, as name → values (a setting may repeat). */
function serviceSettings(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let section = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = line.match(/^\[(.+)\]$/);
    if (header) {
      section = header[1]!;
      continue;
    }
    const eq = line.indexOf("=");
    const key = `${section}.${line.slice(0, eq)}`;
    out.set(key, [...(out.get(key) ?? []), line.slice(eq + 1)]);
  }
  return out;
}

/** The unit with ExecStart pointing at an executable that exists here: a launcher of netpix from this tree. */
async function unitWithLauncher(dir: string): Promise<string> {
  const launcher = `${dir}/netpix`;
  await Deno.writeTextFile(
    launcher,
    `#!/bin/sh\nexec ${Deno.execPath()} run ${RUN_PERMISSIONS.join(" ")} ${MAIN} "$@"\n`,
  );
  await Deno.chmod(launcher, 0o755);
  const text = (await Deno.readTextFile(UNIT)).replaceAll("/usr/local/bin/netpix", launcher);
  await Deno.writeTextFile(`${dir}/netpix.service`, text);
  return `${dir}/netpix.service`;
}

/** Runs `test` on {@linkcode unitWithLauncher}'s unit in a temporary directory, removed afterwards. */
async function withLauncherUnit(test: (unit: string, dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "netpix-unit-" });
  try {
    await test(await unitWithLauncher(dir), dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("the unit asks for a dynamic user, the two capture capabilities, hardening and a restart policy", async () => {
  const s = serviceSettings(await Deno.readTextFile(UNIT));
  const one = (k: string) => {
    const v = s.get(`Service.${k}`);
    strictEqual(v?.length, 1, `${k} is set once`);
    return v[0]!;
  };
  strictEqual(one("DynamicUser"), "yes");
  strictEqual(s.has("Service.User"), false); // no root, no fixed account
  deepStrictEqual(one("AmbientCapabilities").split(/\s+/).sort(), ["CAP_NET_ADMIN", "CAP_NET_RAW"]);
  deepStrictEqual(one("CapabilityBoundingSet").split(/\s+/).sort(), ["CAP_NET_ADMIN", "CAP_NET_RAW"]);
  strictEqual(one("NoNewPrivileges"), "yes");
  strictEqual(one("ProtectSystem"), "strict");
  strictEqual(one("ProtectHome"), "yes");
  strictEqual(one("PrivateTmp"), "yes");
  strictEqual(one("Restart"), "on-failure");
  const restartSec = Number(one("RestartSec").replace(/s$/, ""));
  strictEqual(restartSec >= 1 && restartSec <= 60, true);
  strictEqual(one("EnvironmentFile"), "-/etc/netpix/netpix.env"); // "-": the file is optional
  strictEqual(one("ExecStart"), "/usr/local/bin/netpix run $NETPIX_OPTS");
  strictEqual(one("ExecReload"), "/bin/kill -HUP $MAINPID");
  strictEqual(s.get("Install.WantedBy")?.[0], "multi-user.target");
});

Deno.test("the example environment file sets only variables the unit and netpix read", async () => {
  const vars = (await Deno.readTextFile(ENV_FILE)).split("\n").filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => l.slice(0, l.indexOf("=")));
  deepStrictEqual(vars.sort(), ["NETPIX_LOG", "NETPIX_OPTS"]);
});

Deno.test({
  name: "systemd-analyze verify accepts the unit without a warning",
  ignore: !HAS_SYSTEMD_ANALYZE,
  fn: () =>
    withLauncherUnit(async (unit, dir) => {
      const out = await new Deno.Command("systemd-analyze", {
        args: ["verify", unit],
        stdout: "piped",
        stderr: "piped",
      })
        .output();
      strictEqual(out.code, 0, dec.decode(out.stderr));
      strictEqual(dec.decode(out.stderr) + dec.decode(out.stdout), "");
      // The unchanged unit fails only for want of the installed binary.
      const plain = `${dir}/plain/netpix.service`;
      await Deno.mkdir(`${dir}/plain`);
      await Deno.copyFile(UNIT, plain);
      const bare = await new Deno.Command("systemd-analyze", { args: ["verify", plain], stderr: "piped" }).output();
      strictEqual(
        dec.decode(bare.stderr).trim(),
        "netpix.service: Command /usr/local/bin/netpix is not executable: No such file or directory",
      );
    }),
});

Deno.test({
  name: "systemd-analyze security rates the unit's exposure OK or better",
  ignore: !HAS_SYSTEMD_ANALYZE,
  fn: () =>
    withLauncherUnit(async (unit) => {
      const out = await new Deno.Command("systemd-analyze", {
        args: ["security", "--offline=true", "--no-pager", unit],
        env: { SYSTEMD_COLORS: "0" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = dec.decode(out.stdout);
      const m = text.match(/Overall exposure level for netpix\.service: (\d+\.\d) (\w+)/);
      strictEqual(m !== null, true, text + dec.decode(out.stderr));
      // systemd's scale: 0–10, "OK" up to 4.9; a unit running as root with no hardening rates 9.6 UNSAFE.
      strictEqual(Number(m![1]) <= 4.9, true, m![0]);
      match(m![2]!, /^(OK|SAFE|PERFECT)$/);
    }),
});

/** Polls /metrics until `netpix_source_packets_captured_total` reaches `want`; returns the last value. */
async function capturedPackets(url: string, want: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let n = 0;
  while (Date.now() < deadline) {
    const text = await (await fetch(`${url}/metrics`)).text();
    n = Number(text.match(/^netpix_source_packets_captured_total\{[^}]*\} (\d+)/m)?.[1] ?? 0);
    if (n >= want) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return n;
}

Deno.test({
  name: "netpix captures on lo as an unprivileged user holding only the unit's capabilities",
  ignore: !HAS_SETPRIV,
  fn: async () => {
    const base = await Deno.makeTempDir({ prefix: "netpix-priv-" });
    const tree = `${base}/tree`, denoDir = `${base}/deno`, xdg = `${base}/xdg`;
    try {
      await Deno.chmod(base, 0o755);
      await stageExecutableTree(tree);
      await stageNpmCache(denoDir);
      await new Deno.Command("chmod", { args: ["-R", "a+rX", tree] }).output();
      await Deno.mkdir(xdg, { mode: 0o700 });
      await new Deno.Command("chown", { args: ["-R", `${NOBODY}:${NOBODY}`, denoDir, xdg] }).output();
      const env = { NETPIX_EMBEDDED: "1", XDG_RUNTIME_DIR: xdg, DENO_DIR: denoDir, HOME: base, PATH: "/usr/bin:/bin" };
      // What DynamicUser=, AmbientCapabilities=, CapabilityBoundingSet= and NoNewPrivileges= give the process.
      const unitPrivileges = [
        `--reuid=${NOBODY}`,
        `--regid=${NOBODY}`,
        "--clear-groups",
        "--inh-caps=-all,+net_raw,+net_admin",
        "--ambient-caps=-all,+net_raw,+net_admin",
        "--bounding-set=-all,+net_raw,+net_admin",
        "--no-new-privs",
      ];
      const netpix = (privileges: string[], args: string[]) =>
        new Deno.Command("setpriv", {
          args: [...privileges, Deno.execPath(), "run", "--cached-only", ...PERMISSIONS, `${tree}/main.ts`, ...args],
          cwd: tree,
          env,
          clearEnv: true,
          stdout: "piped",
          stderr: "piped",
          stdin: "null",
        });

      // Without the capabilities the same user cannot capture, and is told how to grant it.
      const denied = await netpix([`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--no-new-privs"], [
        "run",
        "-i",
        "lo",
        "-p",
        "0",
      ]).output();
      strictEqual(denied.code, 1, dec.decode(denied.stderr));
      match(dec.decode(denied.stderr), /^netpix: error: no permission to capture on lo: .*CAP_NET_RAW/);

      const child = netpix(unitPrivileges, ["run", "-i", "lo", "-p", "0", "-c", "udp port 39571"]).spawn();
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let out = "";
      while (!/Netpix running on (\S+)\//.test(out)) {
        const { value, done } = await reader.read();
        if (done) break;
        out += value;
      }
      const url = out.match(/Netpix running on (\S+)\//)?.[1];
      try {
        strictEqual(url !== undefined, true, out);
        const status = await Deno.readTextFile(`/proc/${child.pid}/status`);
        match(status, new RegExp(`^Uid:\\s+${NOBODY}\\s+${NOBODY}\\s+${NOBODY}\\s+${NOBODY}$`, "m"));
        match(status, /^CapEff:\s+0000000000003000$/m); // CAP_NET_ADMIN (12) and CAP_NET_RAW (13) only
        match(status, /^CapBnd:\s+0000000000003000$/m);
        match(status, /^NoNewPrivs:\s+1$/m);
        const sock = createSocket("udp4");
        for (let i = 0; i < 20; i++) {
          await new Promise<void>((ok, fail) =>
            sock.send(new Uint8Array(64), 39571, "127.0.0.1", (e) => e ? fail(e) : ok())
          );
        }
        sock.close();
        strictEqual(await capturedPackets(url!, 20, 10_000), 20);
      } finally {
        child.kill("SIGTERM");
        await reader.cancel();
        const st = await child.status;
        await child.stderr.cancel();
        strictEqual(st.code, 0);
      }
    } finally {
      await Deno.remove(base, { recursive: true });
    }
  },
});
