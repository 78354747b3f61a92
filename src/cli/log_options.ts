/**
 * Applies `netpix run`'s logging options: the level from `NETPIX_LOG` (which wins, so a unit's environment can raise
 * it without editing the command line) or `--log-level`, and the `--log-format`.
 * @module
 */

import { LogLevel, parseLogLevel, setLogFormat, setLogLevel } from "../log.ts";
import { type RunOptions, UsageError } from "./args.ts";

/**
 * Sets the process-wide log level and format.
 * @param opts The parsed `--log-level` and `--log-format`.
 * @param env Where `NETPIX_LOG` is read (the process environment by default).
 * @throws {UsageError} When `NETPIX_LOG` holds no level name.
 */
export function applyLogOptions(
  opts: Pick<RunOptions, "logLevel" | "logFormat">,
  env: (name: string) => string | undefined = (name) => Deno.env.get(name),
): void {
  const fromEnv = env("NETPIX_LOG") || undefined;
  const level = parseLogLevel(fromEnv ?? opts.logLevel);
  if (level === undefined) {
    throw new UsageError(`NETPIX_LOG needs one of ${Object.keys(LogLevel).join(", ")}, not '${fromEnv}'`);
  }
  setLogFormat(opts.logFormat);
  setLogLevel(level);
}
