/**
 * `netpix run`: opens the sources, starts the hub and serves the UI until SIGINT/SIGTERM.
 * @module
 */

import type { RunOptions } from "./args.ts";
import { excludeOwnTraffic, openSources, SourceError } from "../capture/open.ts";
import { Hub } from "../server/hub.ts";
import { createApp } from "../server/app.ts";
import { generateToken } from "../server/security.ts";
import { loadAssets } from "../server/assets.ts";
import { log } from "../log.ts";
import { limitsOf, planReload, resolveRunOptions } from "./config.ts";
import { applyLogOptions } from "./log_options.ts";

/**
 * Frame bytes a source's ring may hold, per packet of `--buffer-size`: 1.5 KiB, room for full-size Ethernet frames
 * (1,514 bytes), so the packet count is the bound that bites on media traffic; larger frames (jumbo, loopback) make
 * the byte bound bite first, and what it evicts is counted as overwritten. The seed's formula assumes 1–2 KB.
 */
export const STORE_BYTES_PER_PACKET = 1536;
/** The byte bound never exceeds this (offsets in the ring are 32-bit). */
export const STORE_BYTES_MAX = 1 << 30;

/** A runtime failure the CLI reports on one line before exiting 1. */
export class RunError extends Error {
  override name = "RunError";
}

function listenFailure(e: unknown, opts: RunOptions): RunError {
  const where = `${opts.address}:${opts.port}`;
  if (e instanceof Deno.errors.AddrInUse) return new RunError(`port ${opts.port} is already in use (${where})`);
  if (e instanceof Deno.errors.AddrNotAvailable) {
    return new RunError(`address ${opts.address} is not available on this host (${where})`);
  }
  if (e instanceof Deno.errors.PermissionDenied) return new RunError(`no permission to listen on ${where}`);
  return new RunError(`cannot listen on ${where}: ${(e as Error).message}`);
}

/** Clients get this long to take their last messages at shutdown (the whole shutdown stays under 2 s). */
export const SHUTDOWN_FLUSH_MS = 1000;

/** Whether `host` is a loopback address (compression "auto" leaves those clients uncompressed). */
export function isLoopback(host: string | undefined): boolean {
  if (host === undefined) return true;
  return host === "::1" || host.startsWith("127.") || host.startsWith("::ffff:127.");
}

/** Reads `--tls-cert`/`--tls-key`, or returns null without them. */
async function readTls(opts: RunOptions): Promise<{ cert: string; key: string } | null> {
  if (!opts.tlsCert) return null;
  const read = async (path: string, what: string) => {
    try {
      return await Deno.readTextFile(path);
    } catch (e) {
      throw new RunError(`cannot read the TLS ${what} ${path}: ${(e as Error).message}`);
    }
  };
  return { cert: await read(opts.tlsCert, "certificate"), key: await read(opts.tlsKey, "key") };
}

/**
 * Runs until SIGINT/SIGTERM (or `signal`); resolves after a clean shutdown. `cli` are the command-line options and
 * `explicit` the ones the command line set, so that a `--config` file fills the rest and SIGHUP can re-read it.
 */
export async function runServer(
  cli: RunOptions,
  explicit: ReadonlySet<keyof RunOptions> = new Set(),
  signal?: AbortSignal,
): Promise<void> {
  let opts = await resolveRunOptions(cli, explicit);
  applyLogOptions(opts);
  const sources = openSources({
    files: opts.files,
    interfaces: opts.interfaces,
    logFiles: opts.logFiles,
    filter: opts.capture,
    options: {
      maxPackets: opts.bufferSize,
      maxBytes: Math.min(opts.bufferSize * STORE_BYTES_PER_PACKET, STORE_BYTES_MAX),
      promisc: opts.promisc,
    },
  });
  const compression = opts.compression;
  const hub = new Hub(sources, {
    limits: limitsOf(opts),
    compressionFor: (remote) => compression === "on" || (compression === "auto" && !isLoopback(remote)),
  });
  const { assets, missing } = await loadAssets();
  for (const m of missing) log.warn(`UI file missing: ${m} (run \`deno task build:ui\`)`);
  const generated = !opts.token && !Deno.env.get("NETPIX_TOKEN") && !isLoopback(opts.address);
  const token = opts.token || Deno.env.get("NETPIX_TOKEN") || (generated ? generateToken() : null);
  const tls = await readTls(opts);
  const app = createApp(hub, assets, {
    policy: { token, allowedOrigins: opts.allowOrigin },
    secure: tls !== null,
  });

  const stop = new AbortController();
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: opts.address,
      port: opts.port,
      signal: stop.signal,
      onListen: () => {},
      ...(tls ?? {}),
    }, app);
    excludeOwnTraffic(sources, opts.address, server.addr.port, opts.capture);
  } catch (e) {
    stop.abort();
    for (const s of sources) await s.capture?.close();
    throw e instanceof SourceError ? e : listenFailure(e, opts);
  }
  const host = server.addr.hostname.includes(":") ? `[${server.addr.hostname}]` : server.addr.hostname;
  const query = generated ? `?token=${token}` : "";
  console.log(`Netpix running on ${tls ? "https" : "http"}://${host}:${server.addr.port}/${query}`);
  if (generated) log.info("Serving beyond loopback: every request needs the token in the URL above (or set --token)");

  hub.start();
  for (const s of sources) {
    s.start().then(() => {
      if (s.state === "finished" && s.capture) log.info(`Source ${s.name}: ${s.captured} packets read`);
    });
  }

  const reload = async () => {
    try {
      const plan = await planReload(opts, cli, explicit);
      for (const r of plan.needRestart) log.warn(`Reload: '${r}' changed but takes effect only after a restart`);
      if (plan.changed.length === 0) {
        log.info("Reloaded configuration: no tunable changed");
        return;
      }
      opts = plan.options;
      hub.reload(limitsOf(opts));
      log.info(`Reloaded configuration: ${plan.changed.join(", ")}`);
    } catch (e) {
      log.error(`Configuration reload rejected, keeping the current values: ${(e as Error).message}`);
    }
  };
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      log.info("Netpix stopping");
      await Promise.all([hub.closeAll(SHUTDOWN_FLUSH_MS), ...sources.map((s) => s.stop())]);
      stop.abort();
    })();
  };
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  for (const sig of signals) Deno.addSignalListener(sig, shutdown);
  Deno.addSignalListener("SIGHUP", reload);
  signal?.addEventListener("abort", shutdown);
  await server.finished;
  for (const sig of signals) Deno.removeSignalListener(sig, shutdown);
  Deno.removeSignalListener("SIGHUP", reload);
  await stopping;
  hub.stop();
  await Promise.all(sources.map((s) => s.stop()));
  log.info("Netpix stopped");
}
