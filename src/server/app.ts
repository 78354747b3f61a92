/**
 * The HTTP side: static UI files, a small JSON API, and the WebSocket at `/ws`. A plain `(Request) => Response`
 * handler, so tests can drive it without a socket; only `serve.ts` opens one.
 * @module
 */

import { parseClientRequest } from "../wire/messages.ts";
import type { Asset } from "./assets.ts";
import type { Hub } from "./hub.ts";
import { METRICS_CONTENT_TYPE, metricsText } from "./metrics.ts";
import type { Peer } from "./client_session.ts";

export const WEBSOCKET_PATH = "/ws";

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value, null, 2), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
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

function acceptWebSocket(req: Request, hub: Hub): Response {
  const { socket, response } = Deno.upgradeWebSocket(req);
  socket.binaryType = "arraybuffer";
  socket.onopen = () => {
    const client = hub.connect(peerOf(socket));
    if (!client) return;
    socket.onmessage = (ev) => {
      const req = typeof ev.data === "string"
        ? parseClientRequest(ev.data)
        : { invalid: "binary requests are not supported: send one JSON object as a text message" };
      hub.request(client, req);
    };
    socket.onclose = () => hub.disconnect(client);
    socket.onerror = () => hub.disconnect(client);
  };
  return response;
}

/** Builds the request handler over a hub and the loaded UI assets. */
export function createApp(hub: Hub, assets: Map<string, Asset>): (req: Request) => Response {
  return (req) => {
    const url = new URL(req.url);
    if (url.pathname === WEBSOCKET_PATH) {
      if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
        return json({ error: "this endpoint speaks WebSocket only" }, 426);
      }
      return acceptWebSocket(req, hub);
    }
    if (req.method !== "GET" && req.method !== "HEAD") return json({ error: "method not allowed" }, 405);
    if (url.pathname === "/api/sources") return json(hub.sources.map((s) => s.describe()));
    if (url.pathname === "/api/stats") return json(hub.snapshot());
    if (url.pathname === "/api/status") return json({ ...hub.snapshot(), totals: hub.totals });
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
