/**
 * The HTTP side: the embedded UI files (nothing else is served from disk), a small JSON API, and the WebSocket at
 * `/ws`, behind the access policy of `security.ts`. A plain `(Request, info) => Response` handler, so tests can
 * drive it without a socket; `src/cli/run.ts` serves it.
 * @module
 */

import { parseClientRequest } from "../wire/messages.ts";
import type { Asset } from "./assets.ts";
import type { Hub } from "./hub.ts";
import { METRICS_CONTENT_TYPE, metricsText, statusOf } from "./metrics.ts";
import type { Peer } from "./client_session.ts";
import { type AccessPolicy, checkAccess, presentedToken, SECURITY_HEADERS, tokenCookie } from "./security.ts";

export const WEBSOCKET_PATH = "/ws";

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value, null, 2), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

/** Adds the security headers to a response (not to a WebSocket upgrade, whose headers are fixed). */
function secured(res: Response): Response {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
  return res;
}

export interface AppOptions {
  policy?: AccessPolicy;
  /** Whether the server speaks TLS (for the same-origin check and the cookie's Secure flag). */
  secure?: boolean;
}

/** Adapts a Deno WebSocket to the {@linkcode Peer} the hub talks to. */
function peerOf(socket: WebSocket): Peer {
  return {
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
    get buffered() {
      return socket.bufferedAmount;
    },
    get open() {
      return socket.readyState === WebSocket.OPEN;
    },
  };
}

function acceptWebSocket(req: Request, hub: Hub, remote: string | undefined): Response {
  const { socket, response } = Deno.upgradeWebSocket(req);
  socket.binaryType = "arraybuffer";
  socket.onopen = () => {
    const client = hub.connect(peerOf(socket), remote);
    if (!client) return;
    socket.onmessage = (ev) => {
      const data: unknown = ev.data;
      const size = typeof data === "string" ? data.length : data instanceof ArrayBuffer ? data.byteLength : 0;
      if (!hub.admitRequest(client, size)) return;
      const req = typeof data === "string"
        ? parseClientRequest(data)
        : { invalid: "binary requests are not supported: send one JSON object as a text message" };
      hub.request(client, req);
    };
    socket.onclose = () => hub.disconnect(client);
    socket.onerror = () => hub.disconnect(client);
  };
  return response;
}

/** Builds the request handler over a hub and the loaded UI assets. */
export function createApp(
  hub: Hub,
  assets: Map<string, Asset>,
  options: AppOptions = {},
): (req: Request, info?: Deno.ServeHandlerInfo<Deno.NetAddr>) => Response {
  const policy = options.policy ?? { token: null, allowedOrigins: [] };
  const secure = options.secure ?? false;
  const handle = route(hub, assets);
  return (req, info) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return secured(json({ error: "bad request URL" }, 400));
    }
    const refusal = checkAccess(req, url, policy, secure);
    if (refusal) {
      hub.totals.refusedRequests++;
      return secured(json({ error: refusal.message }, refusal.status));
    }
    const res = handle(req, url, info);
    if (res.status === 101) return res;
    if (policy.token !== null && presentedToken(req, url)?.via === "query") {
      res.headers.append("set-cookie", tokenCookie(policy.token, secure));
    }
    return secured(res);
  };
}

function route(
  hub: Hub,
  assets: Map<string, Asset>,
): (req: Request, url: URL, info?: Deno.ServeHandlerInfo<Deno.NetAddr>) => Response {
  return (req, url, info) => {
    if (url.pathname === WEBSOCKET_PATH) {
      if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
        return json({ error: "this endpoint speaks WebSocket only" }, 426);
      }
      return acceptWebSocket(req, hub, info?.remoteAddr.hostname);
    }
    if (req.method !== "GET" && req.method !== "HEAD") return json({ error: "method not allowed" }, 405);
    if (url.pathname === "/api/sources") return json(hub.sources.map((s) => s.describe()));
    if (url.pathname === "/api/stats") return json(hub.snapshot());
    if (url.pathname === "/api/status") return json(statusOf(hub));
    if (url.pathname === "/metrics") {
      return new Response(metricsText(hub), { headers: { "content-type": METRICS_CONTENT_TYPE } });
    }
    const asset = assets.get(url.pathname === "/index.html" ? "/" : url.pathname);
    if (asset) {
      return new Response(req.method === "HEAD" ? null : asset.body, {
        headers: { "content-type": asset.type, "cache-control": "no-cache" },
      });
    }
    if (url.pathname === "/" || url.pathname === "/app.js") {
      return new Response("The UI bundle is missing: run `deno task build:ui` (or scripts/setup.sh).\n", {
        status: 503,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
    return json({ error: `not found: ${url.pathname}` }, 404);
  };
}
