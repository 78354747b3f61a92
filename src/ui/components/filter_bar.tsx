/**
 * The filter input of a table: compiles with the shared filter language (src/ui/filter/), shows an invalid filter's
 * error inline with the span underlined and keeps the last valid filter applied, offers completions and the table's
 * field help. The text persists per table.
 * @module
 */

import type { RefObject, VNode } from "preact";
import { useMemo, useRef, useState } from "preact/hooks";
import {
  type CompiledFilter,
  compileFilter,
  complete,
  type CompletionItem,
  fieldHelp,
  type FieldSpec,
  type FilterError,
} from "../filter/mod.ts";
import { load, save } from "../persist.ts";

export interface FilterState<Row> {
  text: string;
  setText(t: string): void;
  /** The filter applied: the last one that compiled (an invalid edit leaves the view unchanged). */
  compiled: CompiledFilter<Row> | null;
  error: FilterError | null;
  fields: FieldSpec<Row>[];
}

export function useFilter<Row>(id: string, fields: FieldSpec<Row>[]): FilterState<Row> {
  const [text, setTextRaw] = useState(() => load(`filter.${id}`) ?? "");
  const lastValid = useRef<CompiledFilter<Row> | null>(null);
  const result = useMemo(() => compileFilter(text, fields), [text, fields]);
  if (result.ok) lastValid.current = result;
  const compiled = lastValid.current;
  return {
    text,
    setText(t: string) {
      setTextRaw(t);
      save(`filter.${id}`, t);
    },
    compiled,
    error: result.ok ? null : result.error,
    fields,
  };
}

export function FilterBar<Row>(
  { state, inputRef }: { state: FilterState<Row>; inputRef: RefObject<HTMLInputElement | null> },
): VNode {
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState(false);
  const [help, setHelp] = useState(false);
  const [active, setActive] = useState(0);
  const completion = useMemo(
    () => open ? complete(state.text, cursor, state.fields) : null,
    [open, state.text, cursor, state.fields],
  );
  const items = completion?.items.slice(0, 12) ?? [];
  const apply = (item: CompletionItem) => {
    if (!completion) return;
    const t = state.text.slice(0, completion.from) + item.insert + state.text.slice(completion.to);
    state.setText(t);
    const pos = completion.from + item.insert.length;
    setCursor(pos);
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(pos, pos));
  };
  const err = state.error;
  return (
    <div class="filter">
      <div class="filter-box">
        <input
          ref={inputRef}
          class={err ? "filter-input invalid" : "filter-input"}
          aria-label="Filter"
          aria-invalid={err ? "true" : "false"}
          placeholder="Filter, e.g. src:10.0.0.1 AND len:>100   (/ to focus, ? for help)"
          spellcheck={false}
          value={state.text}
          onInput={(e) => {
            state.setText(e.currentTarget.value);
            setCursor(e.currentTarget.selectionStart ?? 0);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setOpen(false);
              e.currentTarget.blur();
            } else if (open && items.length && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
              e.preventDefault();
              setActive((a) => (a + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
            } else if (open && items.length && (e.key === "Tab" || (e.key === "Enter" && items[active]))) {
              e.preventDefault();
              apply(items[active]!);
            } else if (e.key === "Enter") setOpen(false);
            e.stopPropagation();
          }}
          onKeyUp={(e) => setCursor(e.currentTarget.selectionStart ?? 0)}
          onClick={(e) => setCursor(e.currentTarget.selectionStart ?? 0)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        {open && items.length > 0 && (
          <ul class="completions" role="listbox">
            {items.map((it, i) => (
              <li
                key={it.label}
                role="option"
                aria-selected={i === active}
                class={i === active ? "active" : ""}
                onMouseDown={(e) => {
                  e.preventDefault();
                  apply(it);
                }}
              >
                <code>{it.label}</code> <span class="muted">{it.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" class="small" onClick={() => setHelp(!help)} aria-expanded={help}>Help</button>
      {err && (
        <div class="filter-error" role="alert">
          <span>{err.message}{err.suggestion ? ` (did you mean ${err.suggestion}?)` : ""}</span>
          <code class="filter-echo">
            {state.text.slice(0, err.at)}
            <mark>{state.text.slice(err.at, Math.max(err.end, err.at + 1)) || " "}</mark>
            {state.text.slice(Math.max(err.end, err.at + 1))}
          </code>
          <span class="muted">The last valid filter is still applied.</span>
        </div>
      )}
      {help && <FilterHelp fields={state.fields} onClose={() => setHelp(false)} />}
    </div>
  );
}

function FilterHelp<Row>({ fields, onClose }: { fields: FieldSpec<Row>[]; onClose(): void }): VNode {
  return (
    <div class="popover filter-help" role="dialog" aria-label="Filter help">
      <h3>Filter syntax</h3>
      <p>
        <code>field:value</code> (substring / match), <code>field=value</code> (exact), <code>field:&gt;n</code>{" "}
        <code>&gt;=</code> <code>&lt;</code> <code>&lt;=</code> <code>!=</code>; <code>AND</code> (or a space),{" "}
        <code>OR</code>,{" "}
        <code>NOT</code>, parentheses; NOT binds tighter than AND, AND tighter than OR. Quote values with spaces or
        colons: <code>type:"sender report"</code>, <code>src:"[2001:db8::1]:5004"</code>. Keys ignore case.
      </p>
      <table>
        <thead>
          <tr>
            <th>Field</th>
            <th>Type</th>
            <th>Meaning</th>
            <th>Example</th>
          </tr>
        </thead>
        <tbody>
          {fieldHelp(fields).map((f) => (
            <tr key={f.key}>
              <td>
                <code>{f.key}</code>
                {f.aliases.length ? ` (${f.aliases.join(", ")})` : ""}
              </td>
              <td>{f.type}{f.values.length ? `: ${f.values.join(", ")}` : ""}</td>
              <td>{f.help}</td>
              <td>
                <code>{f.example}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>Close</button>
    </div>
  );
}
