/**
 * `--config FILE`: run options from a JSON or TOML file, and the SIGHUP reload of the server's tunables.
 *
 * Keys are the long option names (`message-interval = 10`, `interfaces = ["eth0"]`). The command line wins over the
 * file, the file over the defaults. A reload re-reads the file and applies only the tunables; other changed options
 * are logged as needing a restart.
 * @module
 */

// smol-toml: a small, maintained, spec-complete TOML 1.0 parser with no dependencies.
import { parse as parseToml } from "smol-toml";
import { applyConfig, type RunOptions, UsageError } from "./args.ts";
import type { ServerLimits } from "../wire/messages.ts";

/** Longest config file read. */
export const MAX_CONFIG_BYTES = 1 << 20;

/** Reads and parses a config file: `.toml` as TOML, `.json` as JSON, anything else tried as JSON then TOML. */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    const info = await Deno.stat(path);
    if (!info.isFile) throw new UsageError(`config file ${path} is not a regular file`);
    if (info.size > MAX_CONFIG_BYTES) throw new UsageError(`config file ${path} is larger than 1 MiB`);
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof Deno.errors.NotFound) throw new UsageError(`config file ${path} does not exist`);
    throw new UsageError(`cannot read config file ${path}: ${(e as Error).message}`);
  }
  const asJson = () => JSON.parse(text) as unknown;
  const asToml = () => parseToml(text) as unknown;
  let value: unknown;
  try {
    if (path.endsWith(".toml")) value = asToml();
    else if (path.endsWith(".json")) value = asJson();
    else {
      try {
        value = asJson();
      } catch {
        value = asToml();
      }
    }
  } catch (e) {
    throw new UsageError(`config file ${path} does not parse: ${(e as Error).message.split("\n")[0]}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(`config file ${path} must hold a table (object) of run options`);
  }
  return value as Record<string, unknown>;
}

/** Final run options: defaults, then the config file (if any), then the command line. */
export async function resolveRunOptions(
  cli: RunOptions,
  explicit: ReadonlySet<keyof RunOptions>,
): Promise<RunOptions> {
  if (!cli.config) return cli;
  return applyConfig(cli, await readConfigFile(cli.config), cli.config, explicit);
}

/** The hub's tunables from run options. */
export function limitsOf(o: RunOptions): ServerLimits {
  return {
    maxClients: o.maxClients,
    maxClientQueueSize: o.maxClientQueueSize,
    messageBatchSize: o.messageBatchSize,
    messageIntervalMs: o.messageInterval,
    adaptiveBatching: o.adaptiveBatching === "on",
    bufferSize: o.bufferSize,
    maximumPacketAgeS: o.maximumPackageAge,
  };
}

/** Options a reload applies, with their flag names. */
const TUNABLES: [keyof RunOptions, string][] = [
  ["messageInterval", "message-interval"],
  ["messageBatchSize", "message-batch-size"],
  ["maxClientQueueSize", "max-client-queue-size"],
  ["maxClients", "max-clients"],
  ["maximumPackageAge", "maximum-package-age"],
  ["adaptiveBatching", "adaptive-batching"],
];

export interface ReloadPlan {
  options: RunOptions;
  /** "message-interval 5 → 10", one per changed tunable. */
  changed: string[];
  /** Options that changed in the file but need a restart. */
  needRestart: string[];
}

/**
 * Re-reads the config file and works out what a reload changes. Throws {@linkcode UsageError} when the file is
 * missing or invalid (the caller keeps the current values).
 */
export async function planReload(
  current: RunOptions,
  cli: RunOptions,
  explicit: ReadonlySet<keyof RunOptions>,
): Promise<ReloadPlan> {
  const next = await resolveRunOptions(cli, explicit);
  const options = { ...current };
  const changed: string[] = [];
  for (const [key, flag] of TUNABLES) {
    if (next[key] === current[key]) continue;
    changed.push(`${flag} ${current[key]} → ${next[key]}`);
    (options[key] as unknown) = next[key];
  }
  const needRestart = (Object.keys(next) as (keyof RunOptions)[])
    .filter((k) => !TUNABLES.some(([t]) => t === k) && JSON.stringify(next[k]) !== JSON.stringify(current[k]));
  return { options, changed, needRestart };
}
