/** netpix's version, printed by `--version` and sent to clients. */
export const VERSION = "0.1.0";
