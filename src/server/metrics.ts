/**
 * `GET /metrics`: the hub's and the sources' counters in the Prometheus text exposition format (version 0.0.4).
 * A small writer of our own: the format is a few lines of text, and npm `prom-client` expects Node's process model.
 * @module
 */

import type { Hub } from "./hub.ts";

/** The Content-Type Prometheus expects for this format. */
export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

type Labels = Record<string, string>;

/** Label values escape backslash, double quote and newline (the format's rules). */
function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) =>
    `${k}="${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`
  );
  return parts.length ? `{${parts.join(",")}}` : "";
}

class Exposition {
  readonly #lines: string[] = [];

  metric(name: string, type: "counter" | "gauge", help: string, samples: [Labels, number][]): void {
    this.#lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) this.#lines.push(`${name}${labelText(labels)} ${value}`);
  }

  toString(): string {
    return this.#lines.join("\n") + "\n";
  }
}

/** Renders every counter of `hub` and its sources. */
export function metricsText(hub: Hub): string {
  const e = new Exposition();
  const t = hub.totals;
  const q = hub.queueDepths();
  const sources = hub.sources.map((s) => ({ labels: { source: s.name, kind: s.kind }, stats: s.stats(), s }));
  e.metric("netpix_clients", "gauge", "WebSocket clients connected.", [[{}, hub.clients.size]]);
  e.metric("netpix_clients_accepted_total", "counter", "Connections accepted.", [[{}, t.acceptedClients]]);
  e.metric("netpix_clients_refused_total", "counter", "Connections refused by --max-clients.", [[
    {},
    t.rejectedClients,
  ]]);
  e.metric("netpix_clients_closed_total", "counter", "Clients disconnected for breaking a request limit.", [
    [{ reason: "message-too-large" }, t.closedTooBig],
    [{ reason: "too-many-requests" }, t.closedTooManyRequests],
  ]);
  e.metric("netpix_http_refused_total", "counter", "Requests refused for a missing or wrong token, Origin or Host.", [
    [{}, t.refusedRequests],
  ]);
  e.metric("netpix_messages_sent_total", "counter", "WebSocket messages sent.", [[{}, t.messagesSent]]);
  e.metric("netpix_bytes_sent_total", "counter", "WebSocket payload bytes sent.", [[{}, t.bytesSent]]);
  e.metric("netpix_compression_bytes_total", "counter", "Compressed frames: bytes before and after DEFLATE.", [
    [{ stage: "in" }, t.compressedBytesIn],
    [{ stage: "out" }, t.compressedBytesOut],
  ]);
  e.metric("netpix_packets_sent_total", "counter", "Packets sent to clients, summed over clients.", [[
    {},
    t.packetsSent,
  ]]);
  e.metric("netpix_client_dropped_packets_total", "counter", "Packets a client never received, by reason.", [
    [{ reason: "evicted" }, t.droppedPacketsEvicted],
    [{ reason: "queue-full" }, t.droppedPacketsQueueFull],
  ]);
  e.metric(
    "netpix_client_dropped_messages_total",
    "counter",
    "Control messages dropped on a full client queue.",
    [[{}, t.droppedControlMessages]],
  );
  e.metric("netpix_bad_requests_total", "counter", "Client requests rejected as malformed.", [[{}, t.badRequests]]);
  e.metric("netpix_stalled_client_ticks_total", "counter", "Ticks a client was skipped: its socket had not drained.", [
    [{}, t.stalledTicks],
  ]);
  e.metric("netpix_client_queue_depth", "gauge", "Live packets queued, over all clients (sum and max).", [
    [{ stat: "sum" }, q.sum],
    [{ stat: "max" }, q.max],
  ]);
  e.metric("netpix_client_control_queue_depth", "gauge", "Control messages queued, over all clients.", [
    [{ stat: "sum" }, q.controlSum],
    [{ stat: "max" }, q.controlMax],
  ]);
  e.metric("netpix_tick_seconds", "gauge", "Duration of send ticks (sum, count, max).", [
    [{ stat: "sum" }, t.tickSecondsSum],
    [{ stat: "count" }, t.ticks],
    [{ stat: "max" }, t.tickSecondsMax],
  ]);
  e.metric("netpix_config_reloads_total", "counter", "Tunables reloaded on SIGHUP.", [[{}, t.reloads]]);
  e.metric(
    "netpix_source_packets_captured_total",
    "counter",
    "Frames read from the source.",
    sources.map((x) => [x.labels, x.stats.captured]),
  );
  e.metric(
    "netpix_source_packets_decoded_total",
    "counter",
    "Frames that decoded as link/IP/UDP/TCP.",
    sources.map((x) => [x.labels, x.stats.frameIssues["ok"] ?? 0]),
  );
  e.metric(
    "netpix_source_frames_undecoded_total",
    "counter",
    "Frames that did not decode as link/IP/UDP/TCP, by reason.",
    sources.flatMap((x) =>
      Object.entries(x.stats.frameIssues).filter(([r]) => r !== "ok").map(([reason, n]): [Labels, number] => [
        { ...x.labels, reason },
        n,
      ])
    ),
  );
  e.metric(
    "netpix_source_buffer_packets",
    "gauge",
    "Packets held in the source's ring.",
    sources.map((x) => [x.labels, x.stats.stored]),
  );
  e.metric(
    "netpix_source_buffer_capacity_packets",
    "gauge",
    "The ring's packet bound (--buffer-size).",
    sources.map((x) => [x.labels, x.s.store.maxPackets]),
  );
  e.metric(
    "netpix_source_buffer_bytes",
    "gauge",
    "Frame bytes held in the source's ring.",
    sources.map((x) => [x.labels, x.s.store.bytesHeld]),
  );
  e.metric(
    "netpix_source_overwritten_total",
    "counter",
    "Packets the full ring discarded.",
    sources.map((x) => [x.labels, x.stats.overwritten]),
  );
  e.metric(
    "netpix_source_discharged_total",
    "counter",
    "Packets dropped for age (--maximum-package-age).",
    sources.map((x) => [x.labels, x.stats.discharged]),
  );
  const live = sources.filter((x) => x.stats.kernel);
  e.metric("netpix_source_kernel_dropped_total", "counter", "libpcap's drop counters for live sources, by where.", [
    ...live.map((x): [Labels, number] => [{ ...x.labels, where: "kernel" }, x.stats.kernel!.droppedByKernel]),
    ...live.map((x): [Labels, number] => [{ ...x.labels, where: "interface" }, x.stats.kernel!.droppedByInterface]),
  ]);
  return e.toString();
}

/** `GET /api/status`: the same figures as {@linkcode metricsText}, as JSON. */
export function statusOf(hub: Hub): Record<string, unknown> {
  const t = hub.totals;
  return {
    ...hub.snapshot(),
    totals: t,
    compression: {
      bytesIn: t.compressedBytesIn,
      bytesOut: t.compressedBytesOut,
      bytesSaved: t.compressedBytesIn - t.compressedBytesOut,
    },
    queueDepth: hub.queueDepths(),
    buffers: hub.sources.map((s) => ({
      id: s.id,
      name: s.name,
      packets: s.store.size,
      capacity: s.store.maxPackets,
      bytes: s.store.bytesHeld,
      fill: s.store.size / s.store.maxPackets,
    })),
  };
}
