/**
 * The `netpix` command: dispatches to `run` or `list`, and turns every expected failure into one line on stderr
 * and a non-zero exit (2 for a bad command line, 1 for everything else).
 * @module
 */

import { LIST_HELP, MAIN_HELP, parseListArgs, parseRunArgsDetailed, RUN_HELP, UsageError } from "./args.ts";
import { runList } from "./list.ts";
import { CONVERT_HELP, parseConvertArgs, runConvert } from "./convert.ts";
import { ANALYZE_HELP, parseAnalyzeArgs, runAnalyze } from "./analyze.ts";
import { runCapture } from "./capture.ts";
import { CAPTURE_HELP, parseCaptureArgs } from "./capture_args.ts";
import { RunError, runServer } from "./run.ts";
import { SourceError } from "../capture/open.ts";
import { CaptureError } from "../../ffi/capture.ts";
import { versionText } from "./version.ts";

function fail(message: string, code: number): number {
  console.error(`netpix: error: ${message}`);
  return code;
}

/**
 * Runs a command that reads files for a script (analyze, convert): there every bad input (usage, file, filter, SDP)
 * exits 2, with its message as is.
 */
async function badInputExits2(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError || e instanceof SourceError) return fail(e.message, 2);
    throw e;
  }
}

/** Runs the CLI and returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      console.log(MAIN_HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === "-V" || command === "--version") {
      console.log(versionText());
      return 0;
    }
    if (rest.includes("-h") || rest.includes("--help")) {
      const help: Record<string, string> = {
        run: RUN_HELP,
        list: LIST_HELP,
        analyze: ANALYZE_HELP,
        capture: CAPTURE_HELP,
        convert: CONVERT_HELP,
      };
      console.log(help[command] ?? MAIN_HELP);
      return 0;
    }
    if (command === "list") {
      runList(parseListArgs(rest).json);
      return 0;
    }
    if (command === "analyze") return await badInputExits2(() => runAnalyze(parseAnalyzeArgs(rest)));
    if (command === "capture") return await runCapture(parseCaptureArgs(rest));
    if (command === "convert") return await badInputExits2(() => runConvert(parseConvertArgs(rest)));
    if (command === "run") {
      const { options, explicit } = parseRunArgsDetailed(rest);
      await runServer(options, explicit);
      return 0;
    }
    throw new UsageError(`unknown command '${command}'`);
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message} (see 'netpix ${command ?? ""} --help')`, 2);
    if (e instanceof SourceError || e instanceof RunError || e instanceof CaptureError) return fail(e.message, 1);
    return fail(`unexpected failure: ${(e as Error).stack ?? e}`, 1);
  }
}
