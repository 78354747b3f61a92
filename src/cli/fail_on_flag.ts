/**
 * `--fail-on EXPR`, which `analyze` and `capture` share: the exit-3 conditions (syntax in analysis/fail_on.ts).
 * @module
 */

import { type Condition, parseFailOn } from "../analysis/fail_on.ts";
import { UsageError } from "./args.ts";

/**
 * Parses one `--fail-on` value (the option may repeat; its conditions add up).
 * @throws {UsageError} Naming what is wrong with `text`.
 */
export function failOnFlag(text: string): Condition[] {
  const c = parseFailOn(text);
  if ("error" in c) throw new UsageError(`--fail-on: ${c.error}`);
  return c;
}
