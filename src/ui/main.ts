/**
 * The browser entry: connects to `/ws`, lets the user pick a source, and shows its packets in a virtual table that
 * renders only the rows on screen, once per animation frame however many messages arrive.
 * @module
 */

import {
  type ControlMessage,
  decodeServerMessage,
  type SourceDescription,
  type SourceStats,
} from "../wire/messages.ts";
import { PacketList, type RowRef } from "./packet_list.ts";
import { RowFormatter } from "./row_format.ts";

const ROW_HEIGHT = 22;
const STORAGE_KEY = "netpix.source";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const sourceSelect = $<HTMLSelectElement>("source");
const follow = $<HTMLInputElement>("follow");
const viewport = $<HTMLDivElement>("viewport");
const spacer = $<HTMLDivElement>("spacer");
const rowsEl = $<HTMLDivElement>("rows");
const statusEl = $<HTMLElement>("status");
const connEl = $<HTMLElement>("conn");
const banner = $<HTMLDivElement>("banner");

const packets = new PacketList();
const formatter = new RowFormatter();
const ref: RowRef = { id: 0, linkType: 0, records: new Uint8Array(0), offset: 0 };
let sources: SourceDescription[] = [];
let sourceStats: SourceStats[] = [];
let selected = -1;
let droppedForUs = 0;
let socket: WebSocket | null = null;
let retryMs = 500;
let dirty = false;

function showError(text: string): void {
  banner.textContent = text;
  banner.hidden = false;
}

function send(req: object): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(req));
}

function schedule(): void {
  if (dirty) return;
  dirty = true;
  requestAnimationFrame(render);
}

function cell(cls: string, text: string): HTMLSpanElement {
  const s = document.createElement("span");
  s.className = cls;
  s.textContent = text;
  return s;
}

function render(): void {
  dirty = false;
  const total = packets.length;
  if (formatter.t0Sec < 0 && packets.row(0, ref)) formatter.setOrigin(ref);
  spacer.style.height = `${total * ROW_HEIGHT}px`;
  if (follow.checked) viewport.scrollTop = viewport.scrollHeight;
  const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - 5);
  const visible = Math.ceil(viewport.clientHeight / ROW_HEIGHT) + 10;
  const frag = document.createDocumentFragment();
  for (let i = first; i < Math.min(total, first + visible); i++) {
    if (!packets.row(i, ref)) break;
    const c = formatter.format(ref);
    const row = document.createElement("div");
    row.className = c.issue ? "row issue" : "row";
    row.dataset.id = c.no;
    row.setAttribute("role", "row");
    row.append(
      cell("c-no", c.no),
      cell("c-time", c.time),
      cell("c-src", c.source),
      cell("c-dst", c.destination),
      cell("c-proto", c.transport),
      cell("c-len", c.length),
      cell("c-info", c.info),
    );
    frag.append(row);
  }
  rowsEl.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
  rowsEl.replaceChildren(frag);
  renderStatus();
}

function renderStatus(): void {
  const s = sourceStats.find((x) => x.id === selected);
  const parts = [`${packets.length} packets shown`];
  if (s) {
    parts.push(`${s.captured} captured`, `${s.stored} held by server`, `state ${s.state}`);
    if (s.overwritten) parts.push(`${s.overwritten} overwritten (buffer full)`);
    if (s.discharged) parts.push(`${s.discharged} aged out`);
    const issues = Object.entries(s.frameIssues).filter(([k, v]) => k !== "ok" && v > 0);
    if (issues.length) parts.push(`undecoded: ${issues.map(([k, v]) => `${k} ${v}`).join(", ")}`);
    if (s.kernel) {
      parts.push(`kernel drops ${s.kernel.droppedByKernel}`, `interface drops ${s.kernel.droppedByInterface}`);
    }
    if (s.error) parts.push(`error: ${s.error}`);
  }
  if (droppedForUs) parts.push(`${droppedForUs} not delivered to this page`);
  if (packets.evicted) parts.push(`${packets.evicted} evicted from this page's memory`);
  statusEl.textContent = parts.join(" · ");
}

function select(id: number): void {
  selected = id;
  localStorage.setItem(STORAGE_KEY, String(id));
  send({ type: "select", source: id });
}

function onControl(m: ControlMessage): void {
  switch (m.type) {
    case "hello": {
      sources = m.sources;
      sourceSelect.replaceChildren(...sources.map((s) => {
        const o = document.createElement("option");
        o.value = String(s.id);
        o.textContent = `${s.kind}: ${s.name}${s.promisc ? " (promiscuous)" : ""}`;
        return o;
      }));
      const saved = Number(localStorage.getItem(STORAGE_KEY) ?? "0");
      const pick = sources.some((s) => s.id === saved) ? saved : sources[0]?.id ?? -1;
      if (pick >= 0) {
        sourceSelect.value = String(pick);
        select(pick);
      }
      break;
    }
    case "selected":
      packets.clear();
      formatter.t0Sec = -1;
      droppedForUs = 0;
      {
        const source = sources.find((s) => s.id === m.source);
        // A file is read from its start; a live interface is followed as packets arrive.
        follow.checked = source?.kind === "interface";
        viewport.scrollTop = 0;
        if (source?.note) showError(source.note);
        else banner.hidden = true;
      }
      schedule();
      break;
    case "stats":
      sourceStats = m.sources;
      schedule();
      break;
    case "dropped":
      droppedForUs += m.count;
      schedule();
      break;
    case "error":
      showError(`Server: ${m.message}`);
      break;
  }
}

function connect(): void {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${proto}//${location.host}/ws`);
  ws.binaryType = "arraybuffer";
  socket = ws;
  ws.onopen = () => {
    retryMs = 500;
    connEl.textContent = "connected";
    connEl.className = "conn ok";
  };
  ws.onmessage = (ev) => {
    if (!(ev.data instanceof ArrayBuffer)) return;
    const msg = decodeServerMessage(new Uint8Array(ev.data));
    if (msg.kind === "control") onControl(msg.message);
    else if (msg.kind === "packets") {
      if (msg.source === selected) packets.add(msg);
      schedule();
    } else if (msg.kind === "invalid") console.warn(`netpix: ignoring a malformed server message: ${msg.reason}`);
  };
  ws.onclose = (ev) => {
    connEl.textContent = `disconnected${ev.reason ? `: ${ev.reason}` : ""}; retrying`;
    connEl.className = "conn";
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 10_000);
  };
}

sourceSelect.addEventListener("change", () => select(Number(sourceSelect.value)));
$<HTMLButtonElement>("refetch").addEventListener("click", () => send({ type: "fetch-all" }));
viewport.addEventListener("scroll", () => {
  const atBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - ROW_HEIGHT;
  if (!atBottom && follow.checked && !dirty) follow.checked = false;
  schedule();
}, { passive: true });
follow.addEventListener("change", schedule);
globalThis.addEventListener("resize", schedule);
connect();
