/**
 * A virtualised, filterable table: only the rows on screen are rendered (fixed row height), the filter runs over new
 * rows only as they arrive, columns resize by dragging and their widths persist per table.
 * @module
 */

import type { ComponentChildren, VNode } from "preact";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { signal } from "@preact/signals";
import type { FieldSpec } from "../filter/mod.ts";
import { Ring } from "../model/ring.ts";
import { loadJson, save } from "../persist.ts";
import { FilterBar, useFilter } from "./filter_bar.tsx";
import { download, toCsv } from "../model/export.ts";

export const ROW_HEIGHT = 22;
const OVERSCAN = 8;

export interface Column<Row> {
  key: string;
  title: string;
  /** Default width in px. */
  width: number;
  /** The cell's text (also what CSV export writes). */
  text(row: Row): string;
  /** Rich cell content; defaults to the text. */
  render?(row: Row): ComponentChildren;
  /** Extra class of the cell. */
  cls?(row: Row): string;
  help?: string;
  /** Right-click on the cell. */
  onContextMenu?(row: Row, ev: MouseEvent): void;
}

/** The rows a table shows: a growing ring (packet tables) or a plain array (stream tables). */
export type RowSource<Row> = Ring<Row> | readonly Row[];

/** The table that arrow keys move and `/` focuses; set by the visible table. */
export const activeTable = signal<{ move(delta: number): void; focusFilter(): void } | null>(null);

/** Filtered view over a ring, updated incrementally: keeps global indexes of matching rows. */
class RingView<Row> {
  #idx: number[] = [];
  #head = 0;
  #scanned = 0;
  #generation = -1;
  #test: ((r: Row) => boolean) | null = null;

  update(ring: Ring<Row>, test: ((r: Row) => boolean) | null): void {
    if (ring.generation !== this.#generation || test !== this.#test) {
      this.#generation = ring.generation;
      this.#test = test;
      this.#idx = [];
      this.#head = 0;
      this.#scanned = ring.base;
    }
    if (test === null) return;
    const base = ring.base;
    while (this.#head < this.#idx.length && this.#idx[this.#head]! < base) this.#head++;
    if (this.#head > 4096 && this.#head * 2 > this.#idx.length) {
      this.#idx = this.#idx.slice(this.#head);
      this.#head = 0;
    }
    const total = ring.total;
    for (let g = Math.max(this.#scanned, base); g < total; g++) if (test(ring.at(g - base)!)) this.#idx.push(g);
    this.#scanned = total;
  }

  count(ring: Ring<Row>): number {
    return this.#test === null ? ring.length : this.#idx.length - this.#head;
  }

  /** Global index (over the ring's whole history) of the `i`-th row shown. */
  globalAt(ring: Ring<Row>, i: number): number {
    return this.#test === null ? ring.base + i : this.#idx[this.#head + i] ?? -1;
  }

  /** Position among the rows shown of the row with global index `g`, or -1 (evicted or filtered out). */
  indexOf(ring: Ring<Row>, g: number): number {
    if (g < ring.base) return -1;
    if (this.#test === null) return g < ring.total ? g - ring.base : -1;
    let lo = this.#head;
    let hi = this.#idx.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.#idx[mid]!;
      if (v === g) return mid - this.#head;
      if (v < g) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  at(ring: Ring<Row>, i: number): Row | undefined {
    if (this.#test === null) return ring.at(i);
    const g = this.#idx[this.#head + i];
    return g === undefined ? undefined : ring.at(g - ring.base);
  }
}

export interface TableProps<Row> {
  id: string;
  columns: Column<Row>[];
  rows: RowSource<Row>;
  /** Changes whenever `rows` changed. */
  version: number;
  fields: FieldSpec<Row>[];
  /** Follow new rows (stick to the bottom) by default. */
  follow?: boolean;
  onSelect?(row: Row | null): void;
  selected?: Row | null;
  /** A pane under the table for the selected row. */
  detail?(row: Row): VNode | null;
  /** Extra toolbar content (export buttons…); gets the rows the filter keeps. */
  toolbar?(visible: () => Row[]): ComponentChildren;
  /** Stream tables: taller rows for sparklines. */
  rowHeight?: number;
  empty?: string;
}

export function DataTable<Row>(props: TableProps<Row>): VNode {
  const { columns, rows } = props;
  const rowHeight = props.rowHeight ?? ROW_HEIGHT;
  const filter = useFilter(props.id, props.fields);
  const [widths, setWidths] = useState<Record<string, number>>(() => loadJson(`widths.${props.id}`, {}));
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [follow, setFollow] = useState(props.follow ?? false);
  // The selection: for a ring, the row's global index (it stays on the same packet while older ones are evicted or the
  // filter changes); for an array, its position.
  const [selKey, setSelKey] = useState(-1);
  const viewport = useRef<HTMLDivElement>(null);
  const ringView = useMemo(() => new RingView<Row>(), []);
  const test = filter.compiled?.matchesAll === false ? filter.compiled.test : null;

  // The filtered rows: incremental over a ring, a plain filter over an array.
  const list = useMemo(
    () => rows instanceof Ring ? null : test ? rows.filter(test) : rows,
    [rows, test, props.version],
  );
  let count: number;
  let at: (i: number) => Row | undefined;
  let selIndex: number;
  let keyOf: (i: number) => number;
  if (rows instanceof Ring) {
    ringView.update(rows, test);
    count = ringView.count(rows);
    at = (i) => ringView.at(rows, i);
    selIndex = selKey < 0 ? -1 : ringView.indexOf(rows, selKey);
    keyOf = (i) => ringView.globalAt(rows, i);
  } else {
    count = list!.length;
    at = (i) => list![i];
    selIndex = selKey < count ? selKey : -1;
    keyOf = (i) => i;
  }

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (follow && el) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [props.version, follow, count]);

  const select = (i: number) => {
    const row = at(i) ?? null;
    setSelKey(row ? keyOf(i) : -1);
    props.onSelect?.(row);
    const el = viewport.current;
    if (row && el) {
      if (i * rowHeight < el.scrollTop) el.scrollTop = i * rowHeight;
      else if ((i + 1) * rowHeight > el.scrollTop + el.clientHeight) {
        el.scrollTop = (i + 1) * rowHeight - el.clientHeight;
      }
    }
  };

  const filterInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const handle = {
      move(delta: number) {
        setFollow(false);
        select(Math.max(0, Math.min(count - 1, (selIndex < 0 ? (delta > 0 ? -1 : count) : selIndex) + delta)));
      },
      focusFilter() {
        filterInput.current?.focus();
      },
    };
    activeTable.value = handle;
    return () => {
      if (activeTable.peek() === handle) activeTable.value = null;
    };
  });

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const width = (c: Column<Row>) => widths[c.key] ?? c.width;
  const template = columns.map((c) => `${width(c)}px`).join(" ");
  const totalWidth = columns.reduce((s, c) => s + width(c), 0);

  const startResize = (c: Column<Row>, ev: PointerEvent) => {
    ev.preventDefault();
    const x0 = ev.clientX;
    const w0 = width(c);
    const target = ev.currentTarget as HTMLElement;
    target.setPointerCapture(ev.pointerId);
    let next = widths;
    const move = (e: PointerEvent) => {
      next = { ...widths, [c.key]: Math.max(30, Math.round(w0 + e.clientX - x0)) };
      setWidths(next);
    };
    const up = () => {
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", up);
      save(`widths.${props.id}`, JSON.stringify(next));
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", up);
  };

  const visible = (): Row[] => {
    const out: Row[] = [];
    for (let i = 0; i < count; i++) out.push(at(i)!);
    return out;
  };

  const exportCsv = () => {
    const body = visible().map((r) => columns.map((c) => c.text(r)));
    download(`netpix-${props.id}.csv`, toCsv(columns.map((c) => c.title), body), "text/csv");
  };

  // Rows are rendered in slot order (index mod the number of rows on screen) and keyed by slot: they are absolutely
  // positioned, so while scrolling every DOM row is reused in place and only its cells' text changes.
  const slots = Math.max(1, last - first);
  const body: VNode[] = new Array(slots);
  for (let i = first; i < last; i++) {
    const row = at(i)!;
    const slot = i % slots;
    body[slot] = (
      <div
        key={slot}
        class={i === selIndex ? "tr selected" : "tr"}
        role="row"
        aria-rowindex={i + 1}
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px`, gridTemplateColumns: template }}
        onClick={() => select(i)}
      >
        {columns.map((c) => (
          <span
            key={c.key}
            class={`td c-${c.key} ${c.cls?.(row) ?? ""}`}
            role="cell"
            onContextMenu={c.onContextMenu ? (e) => c.onContextMenu!(row, e as MouseEvent) : undefined}
          >
            {c.render ? c.render(row) : c.text(row)}
          </span>
        ))}
      </div>
    );
  }

  const selected = selIndex >= 0 ? at(selIndex) : undefined;
  const detail = selected !== undefined && props.detail ? props.detail(selected) : null;

  return (
    <section class="table-view" data-table={props.id}>
      <div class="toolbar">
        <FilterBar state={filter} inputRef={filterInput} />
        <span class="count" data-testid="row-count">{count} rows</span>
        <label title="Keep the newest row in view">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} /> Follow
        </label>
        <button type="button" onClick={exportCsv} title="Download the rows the filter keeps as CSV">CSV</button>
        {props.toolbar?.(visible)}
      </div>
      <div class="table-scroll">
        <div class="thead" role="row" style={{ gridTemplateColumns: template, width: `${totalWidth}px` }}>
          {columns.map((c) => (
            <span key={c.key} class={`th c-${c.key}`} role="columnheader" title={c.help ?? c.title}>
              {c.title}
              <span class="resize" onPointerDown={(e) => startResize(c, e as PointerEvent)} />
            </span>
          ))}
        </div>
        <div
          class="viewport"
          ref={viewport}
          tabIndex={0}
          role="table"
          aria-label={props.id}
          aria-rowcount={count}
          onScroll={(e) => {
            const el = e.currentTarget;
            if (el.scrollLeft !== 0) {
              // Focusing a cell control (an alias input, a button) scrolls this box sideways although it hides its
              // overflow; hand that to the outer scroller, which moves the header too, so columns stay aligned.
              el.parentElement!.scrollLeft += el.scrollLeft;
              el.scrollLeft = 0;
            }
            setScrollTop(el.scrollTop);
            if (follow && el.scrollTop + el.clientHeight < el.scrollHeight - rowHeight * 2) setFollow(false);
          }}
        >
          <div class="spacer" style={{ height: `${count * rowHeight}px`, width: `${totalWidth}px` }}>
            {body}
          </div>
          {count === 0 && <div class="empty">{props.empty ?? "No rows"}</div>}
        </div>
      </div>
      {detail && <div class="detail-pane">{detail}</div>}
    </section>
  );
}
