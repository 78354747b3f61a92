/**
 * `netpix run`: opens the sources, starts the hub and serves the UI until SIGINT/SIGTERM.
 * @module
 */

import type { RunOptions } from "./args.ts";
import { excludeOwnTraffic, openSources, SourceError } from "../capture/open.ts";
import { Hub } from "../server/hub.ts";
import { createApp } from "../server/app.ts";
import { loadAssets } from "../server/assets.ts";
import { log, type LogLevelName, setLogLevel } from "../log.ts";

/**
 * Frame bytes a source's ring may hold, per packet of `--buffer-size`: room for full-size Ethernet frames, so the
 * packet count is the bound that bites on ordinary media traffic (the seed's memory formula assumes 1–2 KB).
 */
export const STORE_BYTES_PER_PACKET = 2048;
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

/** Runs until a signal; resolves after a clean shutdown. */
export async function runServer(opts: RunOptions, signal?: AbortSignal): Promise<void> {
  setLogLevel((Deno.env.get("NETPIX_LOG") ?? opts.logLevel) as LogLevelName);
  const sources = openSources({
    files: opts.files,
    interfaces: opts.interfaces,
    logFiles: opts.logFiles,
    filter: opts.capture,
    options: {
      maxPackets: opts.bufferSize,
      maxBytes: Math.min(opts.bufferSize * STORE_BYTES_PER_PACKET, STORE_BYTES_MAX),
      maximumPacketAgeS: opts.maximumPackageAge,
      promisc: opts.promisc,
    },
  });
  const hub = new Hub(sources, {
    maxClients: opts.maxClients,
    maxClientQueueSize: opts.maxClientQueueSize,
    messageBatchSize: opts.messageBatchSize,
    messageIntervalMs: opts.messageInterval,
    bufferSize: opts.bufferSize,
    maximumPacketAgeS: opts.maximumPackageAge,
  });
  const { assets, missing } = await loadAssets();
  for (const m of missing) log.warn(`UI file missing: ${m} (run \`deno task build:ui\`)`);
  const app = createApp(hub, assets);

  const stop = new AbortController();
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({ hostname: opts.address, port: opts.port, signal: stop.signal, onListen: () => {} }, app);
    excludeOwnTraffic(sources, opts.address, server.addr.port, opts.capture);
  } catch (e) {
    stop.abort();
    for (const s of sources) await s.capture?.close();
    throw e instanceof SourceError ? e : listenFailure(e, opts);
  }
  const host = server.addr.hostname.includes(":") ? `[${server.addr.hostname}]` : server.addr.hostname;
  console.log(`Netpix running on http://${host}:${server.addr.port}/`);

  hub.start();
  for (const s of sources) {
    s.start().then(() => {
      if (s.state === "finished" && s.capture) log.info(`Source ${s.name}: ${s.captured} packets read`);
    });
  }

  const shutdown = () => stop.abort();
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  for (const sig of signals) Deno.addSignalListener(sig, shutdown);
  signal?.addEventListener("abort", shutdown);
  await server.finished;
  for (const sig of signals) Deno.removeSignalListener(sig, shutdown);
  hub.stop();
  await Promise.all(sources.map((s) => s.stop()));
  log.info("Netpix stopped");
}
