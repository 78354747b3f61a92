/**
 * The browser entry. The UI is Preact with @preact/signals: Preact is a 4 KB React-compatible view library that
 * renders fast, and signals update only what reads them, which keeps a virtualised 100,000-row table cheap to
 * refresh as packets stream in.
 * @module
 */

import { render } from "preact";
import { App } from "./app.tsx";
import { startConnection } from "./state.ts";
import { initTheme } from "./theme.ts";

initTheme();
render(<App />, document.getElementById("app")!);
startConnection();
