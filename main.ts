/**
 * netpix: finds out what happens to media streams on the wire. Entry point of `deno task netpix` and of the
 * compiled executable.
 * @module
 */

import { main } from "./src/cli/main.ts";

if (import.meta.main) Deno.exit(await main(Deno.args));
