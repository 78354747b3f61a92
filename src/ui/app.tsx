/**
 * The page shell: source picker, pause/resume, clear, refetch, tabs, theme, connection banner, status bar and the
 * keyboard shortcuts. The selected tab persists in localStorage.
 * @module
 */

import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { signal } from "@preact/signals";
import { aliasEdits, resetAliases } from "./aliases.ts";
import { ContextMenu } from "./components/menu.tsx";
import { activeTable } from "./components/table.tsx";
import { load, save } from "./persist.ts";
import {
  clearLocal,
  clientStats,
  connection,
  connState,
  currentSource,
  currentStats,
  droppedTotal,
  gaps,
  model,
  modelVersion,
  notices,
  paused,
  pauseDropped,
  refetch,
  replay,
  selectedSource,
  selectSource,
  serverInfo,
  setCap,
  setPaused,
  sources,
  sourceStats,
} from "./state.ts";
import {
  MpegTsPacketsView,
  PacketsView,
  RtcpPacketsView,
  RtpPacketsView,
  StunPacketsView,
} from "./views/packet_tables.tsx";
import { IceView, MpegTsInfoView, MpegTsStreamsView, RtcpStreamsView, RtpStreamsView } from "./views/stream_tables.tsx";
import { RtpPlotView } from "./views/plot_mounts.tsx";
import { LogEventsView } from "./views/event_tables.tsx";
import { applyTheme, type Theme, theme } from "./theme.ts";

interface Tab {
  id: string;
  group: string;
  title: string;
  view: () => VNode;
}

export const TABS: Tab[] = [
  { id: "packets", group: "General", title: "Packets", view: PacketsView },
  { id: "log-events", group: "General", title: "Log events", view: LogEventsView },
  { id: "rtp-packets", group: "RTP", title: "RTP packets", view: RtpPacketsView },
  { id: "rtcp-packets", group: "RTP", title: "RTCP packets", view: RtcpPacketsView },
  { id: "rtp-streams", group: "RTP", title: "RTP streams", view: RtpStreamsView },
  { id: "rtp-plot", group: "RTP", title: "RTP plot", view: RtpPlotView },
  { id: "rtcp-streams", group: "RTP", title: "RTCP streams", view: RtcpStreamsView },
  { id: "mpegts-packets", group: "MPEG-TS", title: "MPEG-TS packets", view: MpegTsPacketsView },
  { id: "mpegts-streams", group: "MPEG-TS", title: "MPEG-TS streams", view: MpegTsStreamsView },
  { id: "mpegts-info", group: "MPEG-TS", title: "MPEG-TS info", view: MpegTsInfoView },
  { id: "stun-packets", group: "ICE", title: "STUN packets", view: StunPacketsView },
  { id: "ice", group: "ICE", title: "ICE candidates", view: IceView },
];

export const currentTab = signal<string>(
  TABS.some((t) => t.id === load("tab")) ? load("tab")! : "packets",
);

function setTab(id: string): void {
  currentTab.value = id;
  save("tab", id);
}

const showShortcuts = signal(false);

function sourceLabel(id: number): string {
  const s = sources.value.find((x) => x.id === id);
  if (!s) return "";
  const st = sourceStats.value.find((x) => x.id === id);
  const state = s.kind === "interface"
    ? st?.state === "running" ? "live" : st?.state ?? "live"
    : st?.state === "finished"
    ? "finished"
    : st?.state ?? "";
  return `${s.kind}: ${s.name}${s.promisc ? " (promiscuous)" : ""}${state ? ` — ${state}` : ""}`;
}

function Banner(): VNode | null {
  const c = connState.value;
  const [, tick] = useState(0);
  useEffect(() => {
    if (c.kind !== "closed") return;
    const t = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(t);
  }, [c]);
  if (c.kind === "open") return null;
  if (c.kind === "connecting") {
    return c.attempt > 0 ? <div class="banner info" role="status">Reconnecting (attempt {c.attempt + 1})…</div> : null;
  }
  const secs = Math.max(0, Math.ceil((c.retryAt - Date.now()) / 1000));
  return (
    <div class={c.full ? "banner full" : "banner error"} role="alert" data-testid="banner">
      {c.full
        ? <strong>The server is full: it serves its maximum number of clients.</strong>
        : <strong>The server is unreachable.</strong>} {c.reason}. Retrying in {secs} s.{" "}
      <button type="button" class="small" onClick={() => connection.retryNow()}>Retry now</button>
    </div>
  );
}

function Notices(): VNode | null {
  const list = notices.value;
  if (!list.length) return null;
  const last = list[list.length - 1]!;
  return (
    <div class={`banner ${last.level}`} role="alert" data-testid="notice">
      {last.text} <button type="button" class="small" onClick={() => notices.value = []}>Dismiss</button>
    </div>
  );
}

function StatusBar(): VNode {
  void modelVersion.value;
  const s = currentStats.value;
  const c = clientStats.value;
  const r = replay.value;
  const g = gaps.value;
  const parts: VNode[] = [];
  const item = (k: string, label: string, v: string | number, cls = "") =>
    parts.push(
      <span key={k} class={`stat ${cls}`} data-stat={k}>
        {label}: <b>{v}</b>
      </span>,
    );
  item("packets", "Packets", model.packets.length);
  if (s) {
    item("captured", "Captured", s.captured);
    item("discharged", "Discharged", s.discharged, s.discharged ? "warn" : "");
    item("overwritten", "Overwritten", s.overwritten, s.overwritten ? "warn" : "");
    if (s.kernel) item("kernel", "Kernel drops", s.kernel.droppedByKernel + s.kernel.droppedByInterface);
  }
  item(
    "dropped",
    "Dropped for this client",
    droppedTotal.value || c?.droppedPackets || 0,
    droppedTotal.value ? "warn" : "",
  );
  if (model.evicted) item("evicted", `Evicted (cap ${model.cap})`, model.evicted, "warn");
  if (pauseDropped.value) item("pause-dropped", "Dropped while paused", pauseDropped.value, "warn");
  if (model.malformed) item("malformed", "Malformed records", model.malformed, "warn");
  if (r.active) item("replay", "Replaying", `${r.received} / ${r.nextId - r.firstId}`);
  else if (r.ms) item("replay-ms", "Replay rendered in", `${Math.round(r.ms)} ms`);
  const gapText = g.slice(-5).map((x) => `${x.fromId}–${x.fromId + x.count - 1} (${x.reason})`).join(", ");
  return (
    <footer class="status" id="status" aria-live="polite">
      {parts}
      {gapText && (
        <span class="stat warn" title={g.map((x) => `${x.fromId}+${x.count} ${x.reason}`).join("\n")}>
          Gaps: {gapText}
        </span>
      )}
      {paused.value && <span class="stat warn">Paused</span>}
      <span class="spacer" />
      {serverInfo.value && <span class="muted">{serverInfo.value.server}</span>}
    </footer>
  );
}

/** The keys `onKey` handles, for the help dialog: the keys, and what they do. */
const SHORTCUTS: readonly (readonly [readonly string[], string])[] = [
  [["/"], "Focus the filter"],
  [["Space"], "Pause / resume"],
  [["↑", "↓"], "Move the table selection"],
  [["PgUp", "PgDn"], "Move the selection by 20 rows"],
  [["?"], "Show this help"],
  [["Esc"], "Close dialogs, leave the filter"],
];

function Shortcuts(): VNode | null {
  if (!showShortcuts.value) return null;
  return (
    <div class="modal-backdrop" onClick={() => showShortcuts.value = false}>
      <div class="modal" role="dialog" aria-label="Keyboard shortcuts">
        <h3>Keyboard shortcuts</h3>
        <table class="kv">
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={what}>
                <td>{keys.map((k, i) => [i ? " " : "", <kbd key={k}>{k}</kbd>])}</td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => showShortcuts.value = false}>Close</button>
      </div>
    </div>
  );
}

function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
    t.isContentEditable);
}

function onKey(e: KeyboardEvent): void {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "Escape") {
    showShortcuts.value = false;
    return;
  }
  if (isTyping(e.target)) return;
  const t = activeTable.peek();
  switch (e.key) {
    case "/":
      e.preventDefault();
      t?.focusFilter();
      break;
    case " ":
      e.preventDefault();
      setPaused(!paused.peek());
      break;
    case "?":
      showShortcuts.value = !showShortcuts.peek();
      break;
    case "ArrowDown":
    case "ArrowUp":
      e.preventDefault();
      t?.move(e.key === "ArrowDown" ? 1 : -1);
      break;
    case "PageDown":
    case "PageUp":
      e.preventDefault();
      t?.move(e.key === "PageDown" ? 20 : -20);
      break;
  }
}

export function App(): VNode {
  useEffect(() => {
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  const src = currentSource.value;
  useEffect(() => {
    if (src) resetAliases(`${src.kind}:${src.name}`);
  }, [src?.kind, src?.name]);
  void aliasEdits.value;
  const tab = TABS.find((t) => t.id === currentTab.value) ?? TABS[0]!;
  // Every view but Packets needs the protocol rows and plot data, built lazily (see CaptureModel.derive).
  if (tab.id !== "packets" && !replay.value.active) {
    void modelVersion.value;
    model.derive();
  }
  const View = tab.view;
  const groups = [...new Set(TABS.map((t) => t.group))];
  return (
    <div class="app">
      <header class="topbar">
        <strong class="brand">netpix</strong>
        <select
          id="source"
          aria-label="Source"
          value={String(selectedSource.value)}
          onChange={(e) => selectSource(Number(e.currentTarget.value))}
        >
          {selectedSource.value < 0 && <option value="-1">Select a packet source…</option>}
          {sources.value.map((s) => <option key={s.id} value={String(s.id)}>{sourceLabel(s.id)}</option>)}
        </select>
        <div class="controls" role="group" aria-label="Capture controls">
          <button
            type="button"
            aria-label={paused.value ? "Resume" : "Pause"}
            title={paused.value ? "Resume (space)" : "Pause (space)"}
            onClick={() => setPaused(!paused.value)}
          >
            {paused.value ? "Resume" : "Pause"}
          </button>
          <button type="button" title="Discard the packets held by this page" onClick={clearLocal}>Clear</button>
          <button type="button" title="Clear, then fetch every packet the server holds again" onClick={refetch}>
            Refetch
          </button>
        </div>
        <label class="cap" title="Packets this page keeps; older ones are evicted (statistics keep counting)">
          Keep{" "}
          <select
            aria-label="Packet cap"
            value={String(model.cap)}
            onChange={(e) => setCap(Number(e.currentTarget.value))}
          >
            {[10_000, 50_000, 100_000, 200_000, 500_000].concat(
              [10_000, 50_000, 100_000, 200_000, 500_000].includes(model.cap) ? [] : [model.cap],
            ).map((n) => <option key={n} value={String(n)}>{n.toLocaleString("en")}</option>)}
          </select>{" "}
          packets
        </label>
        <span class="spacer" />
        <label>
          Theme{" "}
          <select
            aria-label="Theme"
            value={theme.value}
            onChange={(e) => applyTheme(e.currentTarget.value as Theme)}
          >
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <button type="button" class="small" title="Keyboard shortcuts (?)" onClick={() => showShortcuts.value = true}>
          ?
        </button>
        <span class={`conn ${connState.value.kind}`} data-testid="conn">{connState.value.kind}</span>
      </header>
      <nav class="tabs" role="tablist">
        {groups.map((g) => (
          <span class="tab-group" key={g}>
            <span class="group-name">{g}</span>
            {TABS.filter((t) => t.group === g).map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                data-tab={t.id}
                aria-selected={t.id === tab.id}
                class={t.id === tab.id ? "tab on" : "tab"}
                onClick={() => setTab(t.id)}
              >
                {t.title}
              </button>
            ))}
          </span>
        ))}
      </nav>
      <Banner />
      <Notices />
      {src?.note && <div class="banner info">{src.note}</div>}
      <main class="view" data-view={tab.id}>
        {replay.value.active
          ? (
            <div
              class="replay-progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={replay.value.nextId - replay.value.firstId}
              aria-valuenow={replay.value.received}
            >
              Loading {replay.value.received.toLocaleString("en")} of{" "}
              {(replay.value.nextId - replay.value.firstId).toLocaleString("en")} packets…
            </div>
          )
          : <View key={`${tab.id}:${selectedSource.value}`} />}
      </main>
      <StatusBar />
      <ContextMenu />
      <Shortcuts />
    </div>
  );
}
