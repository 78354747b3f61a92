import { deepStrictEqual, throws } from "node:assert/strict";
import { OptionCursor } from "./option_cursor.ts";
import { UsageError } from "./args.ts";

/** What a parser sees walking `args`: each option's name with its value, each operand as is. */
function walk(args: string[], takesValue: string[], takesOperands: string[] = []): [string, string[]][] {
  const opt = new OptionCursor(args);
  const seen: [string, string[]][] = [];
  while (opt.next()) {
    if (takesValue.includes(opt.name)) seen.push([opt.name, [opt.value()]]);
    else if (takesOperands.includes(opt.name)) {
      seen.push([opt.name, opt.hasInlineValue ? [opt.value()] : opt.takeOperands()]);
    } else seen.push([opt.token, []]);
  }
  return seen;
}

Deno.test("OptionCursor reads '--name value', '--name=value' and '-x value', and leaves operands and flags alone", () => {
  deepStrictEqual(
    walk(["a.pcap", "--format", "json", "--format=csv", "-c", "udp", "-P", "b.pcap"], ["--format", "-c"]),
    [
      ["a.pcap", []],
      ["--format", ["json"]],
      ["--format", ["csv"]],
      ["-c", ["udp"]],
      ["-P", []],
      ["b.pcap", []],
    ],
  );
});

Deno.test("OptionCursor keeps '=' inside a short option's value and after the first '=' of a long one", () => {
  deepStrictEqual(walk(["-c", "a=b", "--fail-on=x>=1"], ["-c", "--fail-on"]), [["-c", ["a=b"]], ["--fail-on", [
    "x>=1",
  ]]]);
});

Deno.test("OptionCursor.takeOperands() takes the arguments up to the next option", () => {
  deepStrictEqual(walk(["-i", "lo", "eth0", "-P", "-i=any", "-i"], [], ["-i"]), [
    ["-i", ["lo", "eth0"]],
    ["-P", []],
    ["-i=any", []], // '=' splits long options only
    ["-i", []],
  ]);
  deepStrictEqual(walk(["--interfaces=lo", "eth0"], [], ["--interfaces"]), [["--interfaces", ["lo"]], ["eth0", []]]);
});

Deno.test("OptionCursor.value() refuses a missing or empty value with a UsageError naming the option", () => {
  throws(() => walk(["--format"], ["--format"]), new UsageError("option '--format' needs a value"));
  throws(() => walk(["--format="], ["--format"]), new UsageError("option '--format' needs a value"));
  throws(() => walk(["-c", ""], ["-c"]), new UsageError("option '-c' needs a value"));
});
