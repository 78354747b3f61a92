/**
 * Walks the arguments of a subcommand one at a time, the way `analyze` and `capture` read theirs: `--name=value` or
 * `--name value` for a long option, `-x value` for a short one. A missing or empty value is a {@linkcode UsageError}.
 * @module
 */

import { UsageError } from "./args.ts";

export class OptionCursor {
  readonly #args: readonly string[];
  #i = -1;
  #eq = -1;
  /** The current argument as given, e.g. "--format=json" or "lo". */
  token = "";
  /** The current argument without an inline value, e.g. "--format". */
  name = "";

  constructor(args: readonly string[]) {
    this.#args = args;
  }

  /** Moves to the next argument; false after the last. */
  next(): boolean {
    if (++this.#i >= this.#args.length) return false;
    this.token = this.#args[this.#i]!;
    this.#eq = this.token.startsWith("--") ? this.token.indexOf("=") : -1;
    this.name = this.#eq > 0 ? this.token.slice(0, this.#eq) : this.token;
    return true;
  }

  /** Whether the value came with the name (`--name=value`). */
  get hasInlineValue(): boolean {
    return this.#eq > 0;
  }

  /**
   * The current option's value: after its `=`, else the next argument (which it consumes).
   * A bound function, so it can be handed on (e.g. to `takeAnalysisFlag`).
   * @throws {UsageError} When there is none or it is empty.
   */
  readonly value = (): string => {
    const v = this.#eq > 0 ? this.token.slice(this.#eq + 1) : this.#args[++this.#i];
    if (v === undefined || v === "") throw new UsageError(`option '${this.name}' needs a value`);
    return v;
  };

  /** Consumes the arguments that follow up to the next option (one starting with "-"), e.g. `-i lo eth0`. */
  takeOperands(): string[] {
    const taken: string[] = [];
    while (this.#i + 1 < this.#args.length && !this.#args[this.#i + 1]!.startsWith("-")) {
      taken.push(this.#args[++this.#i]!);
    }
    return taken;
  }
}
