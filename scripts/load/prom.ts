/**
 * Reads the Prometheus text exposition format (version 0.0.4) that netpix serves at `/metrics`: sample lines
 * `name{label="value",…} number`; comments and anything malformed are skipped.
 * @module
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = line.match(LINE);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(LABEL)) {
      labels[l[1]!] = l[2]!.replaceAll("\\n", "\n").replaceAll('\\"', '"').replaceAll("\\\\", "\\");
    }
    const value = m[3] === "+Inf" ? Infinity : m[3] === "-Inf" ? -Infinity : Number(m[3]);
    out.push({ name: m[1]!, labels, value });
  }
  return out;
}

/** `name{a="x",b="y"}` as the exposition writes it, for a flat JSON object of every sample. */
export function sampleKey(s: Sample): string {
  const l = Object.entries(s.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return l.length ? `${s.name}{${l.join(",")}}` : s.name;
}

/** Sum of the samples of `name` whose labels include `match`; null when there is none. */
export function total(samples: Sample[], name: string, match: Record<string, string> = {}): number | null {
  let sum: number | null = null;
  for (const s of samples) {
    if (s.name !== name) continue;
    if (Object.entries(match).some(([k, v]) => s.labels[k] !== v)) continue;
    sum = (sum ?? 0) + s.value;
  }
  return sum;
}

/** Fetches and parses `/metrics`; null when the server does not answer within `timeoutMs`. */
export async function scrape(baseUrl: string, timeoutMs = 5000): Promise<{ text: string; samples: Sample[] } | null> {
  try {
    const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) {
      await res.body?.cancel();
      return null;
    }
    const text = await res.text();
    return { text, samples: parseMetrics(text) };
  } catch {
    return null;
  }
}
