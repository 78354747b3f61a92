/**
 * Who may talk to netpix over HTTP and WebSocket.
 *
 * - **Token.** With a token set (required to serve on a non-loopback address), every request must carry it: in the
 *   `token` query parameter (the printed URL has it; the page then gets an HttpOnly cookie), an
 *   `Authorization: Bearer` header, or that cookie. Compared in constant time.
 * - **Origin.** A WebSocket upgrade from a browser must come from the page netpix served (same origin) or an
 *   `--allow-origin` entry, so another site cannot read captured traffic through the visitor's browser
 *   (cross-site WebSocket hijacking). Clients without an `Origin` header (scripts) are not browsers and pass.
 * - **Host.** Without a token, the `Host` header must name a loopback host or an allowed origin's host, so a site that
 *   rebinds its DNS name to 127.0.0.1 cannot reach a local netpix either.
 * @module
 */

import { timingSafeEqual } from "node:crypto";

export const TOKEN_COOKIE = "netpix_token";

/** Headers on every response: no sniffing, no framing, scripts and connections only to this origin. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
});

export interface AccessPolicy {
  /** The token every request must carry, or null when none is set (loopback only). */
  token: string | null;
  /** Extra origins allowed to open the WebSocket, e.g. "https://ops.example.com". */
  allowedOrigins: readonly string[];
}

/** Why a request was refused: status and message for the response. */
export interface Refusal {
  status: 401 | 403;
  message: string;
}

const encoder = new TextEncoder();

/** A 128-bit random token, URL-safe. */
export function generateToken(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...b)).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

/** Whether two strings are equal, in time that depends only on their lengths' maximum. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.max(x.length, y.length, 1);
  const px = new Uint8Array(n);
  const py = new Uint8Array(n);
  px.set(x);
  py.set(y);
  return timingSafeEqual(px, py) && x.length === y.length;
}

function cookieToken(req: Request): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === TOKEN_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The token a request carries, and where. */
export function presentedToken(req: Request, url: URL): { token: string; via: "query" | "header" | "cookie" } | null {
  const q = url.searchParams.get("token");
  if (q !== null) return { token: q, via: "query" };
  const auth = req.headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return { token: auth.slice(7).trim(), via: "header" };
  const c = cookieToken(req);
  return c === null ? null : { token: c, via: "cookie" };
}

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "[::1]" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The hostname part of a Host header (brackets kept for IPv6). */
function hostnameOf(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.lastIndexOf(":");
  return colon >= 0 ? host.slice(0, colon) : host;
}

/**
 * Checks a request against the policy. Returns null when it may proceed, or why not. `secure` says whether this
 * server speaks TLS (for the same-origin check).
 */
export function checkAccess(req: Request, url: URL, policy: AccessPolicy, secure: boolean): Refusal | null {
  const host = req.headers.get("host") ?? url.host;
  if (policy.token !== null) {
    const t = presentedToken(req, url);
    if (!t || !constantTimeEqual(t.token, policy.token)) {
      return { status: 401, message: t ? "wrong token" : "this netpix needs a token: open the URL it printed" };
    }
  } else {
    const allowedHosts = policy.allowedOrigins.map((o) => {
      try {
        return new URL(o).hostname.toLowerCase();
      } catch {
        return "";
      }
    });
    const name = hostnameOf(host).toLowerCase();
    if (!isLoopbackHost(name) && !allowedHosts.includes(name.replace(/^\[|\]$/g, ""))) {
      return { status: 403, message: `host '${host}' is not allowed: use 127.0.0.1 or localhost` };
    }
  }
  if (req.headers.get("upgrade")?.toLowerCase() === "websocket") {
    const origin = req.headers.get("origin");
    if (origin !== null) {
      const own = `${secure ? "https" : "http"}://${host}`.toLowerCase();
      if (
        origin.toLowerCase() !== own && !policy.allowedOrigins.some((o) => o.toLowerCase() === origin.toLowerCase())
      ) {
        return { status: 403, message: `WebSocket from origin '${origin}' refused (see --allow-origin)` };
      }
    }
  }
  return null;
}

/** The Set-Cookie header that lets the page's later requests (assets, WebSocket) carry the token. */
export function tokenCookie(token: string, secure: boolean): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}
