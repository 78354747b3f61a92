/**
 * Address matching for the filter language. A row's address is text as the tables show it: `10.0.0.1:5004`,
 * `[2001:db8::1]:5004`, a bare IP, or a label such as `Local`. A filter value means, tried in this order:
 *
 * | value                                 | matches rows whose…                                   |
 * |---------------------------------------|-------------------------------------------------------|
 * | `5004` or `:5004`                     | port is 5004                                          |
 * | `10.0.0.1:5004`, `[2001:db8::1]:5004` | address and port are both equal                       |
 * | `10.0.0.1`, `2001:db8::1`, `[::1]`    | address is equal, any port (IPv6 compared as numbers) |
 * | `10.0.0.0/8`, `2001:db8::/32`         | address is inside the prefix (CIDR), any port         |
 * | anything else (`10.0.0.`, `local`)    | text contains the value, ignoring case                |
 *
 * An IPv6 address with a port must be written in brackets: `2001:db8::1:5004` is read as an address.
 * @module
 */
// This module is browser compatible.

/** An address as parsed from text: 4 or 16 host bytes, and the port if one was written. */
export interface Endpoint {
  readonly host: readonly number[];
  readonly port: number | null;
}

/** What a filter value asks of an address; see the module doc for the forms. */
export type AddressQuery =
  | { readonly kind: "port"; readonly port: number }
  | { readonly kind: "host"; readonly host: readonly number[]; readonly port: number | null }
  | { readonly kind: "prefix"; readonly host: readonly number[]; readonly bits: number }
  | { readonly kind: "text"; readonly text: string };

const PORT = /^:?(\d{1,5})$/;

function parsePort(s: string): number | null {
  if (!/^\d{1,5}$/.test(s)) return null;
  const p = Number(s);
  return p <= 65535 ? p : null;
}

/** Dotted-quad IPv4 (RFC 791 address, decimal octets) to 4 bytes, or null. */
export function parseIPv4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** IPv6 text (RFC 4291 §2.2: `::` compression and a dotted IPv4 tail allowed) to 16 bytes, or null. */
export function parseIPv6(s: string): number[] | null {
  if (s.length < 2 || s.length > 45) return null;
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === "") return [];
    const out: number[] = [];
    const parts = h.split(":");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes(".")) {
        const v4 = parseIPv4(p);
        if (v4 === null) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/**
 * Parses an address as the tables print it: `a.b.c.d`, `a.b.c.d:port`, an IPv6 address, `[v6]` or `[v6]:port`.
 * @param text The address text.
 * @returns The host bytes and port, or null when `text` is not an address (e.g. `Local`).
 * @example
 * ```ts
 * import { parseEndpoint } from "./address.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(parseEndpoint("10.0.0.1:5004"), { host: [10, 0, 0, 1], port: 5004 });
 * deepStrictEqual(parseEndpoint("[::1]:80")?.port, 80);
 * ```
 */
export function parseEndpoint(text: string): Endpoint | null {
  const s = text.trim();
  if (s.startsWith("[")) {
    const close = s.indexOf("]");
    if (close < 0) return null;
    const host = parseIPv6(s.slice(1, close));
    if (host === null) return null;
    const rest = s.slice(close + 1);
    if (rest === "") return { host, port: null };
    const port = rest.startsWith(":") ? parsePort(rest.slice(1)) : null;
    return port === null ? null : { host, port };
  }
  const colons = s.split(":").length - 1;
  if (colons >= 2) {
    const host = parseIPv6(s);
    return host === null ? null : { host, port: null };
  }
  if (colons === 1) {
    const [h, p] = s.split(":") as [string, string];
    const host = parseIPv4(h);
    const port = parsePort(p);
    return host === null || port === null ? null : { host, port };
  }
  const host = parseIPv4(s);
  return host === null ? null : { host, port: null };
}

/**
 * Reads a filter value as an address query (see the module doc for the forms).
 * @param value The value after `field:`.
 * @returns The query; anything that is not a port, address or prefix is a `text` query (substring, any case).
 * @example
 * ```ts
 * import { addressQuery } from "./address.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(addressQuery(":5004"), { kind: "port", port: 5004 });
 * deepStrictEqual(addressQuery("10.0.0.0/8"), { kind: "prefix", host: [10, 0, 0, 0], bits: 8 });
 * ```
 */
export function addressQuery(value: string): AddressQuery {
  const v = value.trim();
  const port = PORT.exec(v);
  if (port !== null && Number(port[1]) <= 65535) return { kind: "port", port: Number(port[1]) };
  const slash = v.lastIndexOf("/");
  if (slash > 0) {
    const bits = /^\d{1,3}$/.test(v.slice(slash + 1)) ? Number(v.slice(slash + 1)) : -1;
    let h = v.slice(0, slash);
    if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
    const host = parseIPv4(h) ?? parseIPv6(h);
    if (host !== null && bits >= 0 && bits <= host.length * 8) return { kind: "prefix", host, bits };
  }
  const ep = parseEndpoint(v);
  if (ep !== null) return { kind: "host", host: ep.host, port: ep.port };
  return { kind: "text", text: v.toLowerCase() };
}

function sameHost(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inPrefix(host: readonly number[], prefix: readonly number[], bits: number): boolean {
  if (host.length !== prefix.length) return false;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((host[i]! ^ prefix[i]!) & mask) !== 0) return false;
  }
  return true;
}

/** Row values repeat (a capture has few endpoints), so parsed ones are cached; the cache is dropped when full. */
const CACHE_LIMIT = 4096;

/**
 * Builds a matcher for one address query.
 * @param q The query, from {@linkcode addressQuery}.
 * @param exact For `=`: a `text` query must equal the whole address text instead of being contained in it.
 * @returns A function telling whether a row's address text matches.
 * @example
 * ```ts
 * import { addressMatcher, addressQuery } from "./address.ts";
 * import { strictEqual } from "node:assert/strict";
 * const m = addressMatcher(addressQuery("2001:db8::1"), false);
 * strictEqual(m("[2001:db8:0:0::1]:5004"), true);
 * strictEqual(m("[2001:db8::10]:5004"), false);
 * ```
 */
export function addressMatcher(q: AddressQuery, exact: boolean): (text: string) => boolean {
  if (q.kind === "text") {
    return exact ? (t) => t.toLowerCase() === q.text : (t) => t.toLowerCase().includes(q.text);
  }
  const cache = new Map<string, Endpoint | null>();
  const parse = (t: string): Endpoint | null => {
    let ep = cache.get(t);
    if (ep === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      ep = parseEndpoint(t);
      cache.set(t, ep);
    }
    return ep;
  };
  switch (q.kind) {
    case "port":
      return (t) => parse(t)?.port === q.port;
    case "host":
      return (t) => {
        const ep = parse(t);
        return ep !== null && sameHost(ep.host, q.host) && (q.port === null || ep.port === q.port);
      };
    case "prefix":
      return (t) => {
        const ep = parse(t);
        return ep !== null && inPrefix(ep.host, q.host, q.bits);
      };
  }
}
