/**
 * The load harness's packet source: RTP-like UDP datagrams of a fixed size, sent to 127.0.0.1:PORT at a paced rate
 * until SIGTERM/SIGINT (or for `SECONDS`), then one JSON summary line on stdout.
 *
 *     deno run --allow-net scripts/load/udp_sender.ts PORT RATE SIZE [SECONDS=0]
 *
 * Pacing: a 1 ms timer sends, at each tick, as many packets as the clock says are due since the start
 * (`rate × elapsed − sent`), so the average rate is exact even when a tick fires late. A tick sends at most 20 ms
 * worth: after a longer stall (a busy machine) the backlog goes out over the next ticks in bursts of that size. The
 * summary gives the largest backlog (`maxBehind`) and what was still owed at the end (`behindAtEnd`).
 *
 * Payload (big-endian): an RTP fixed header (RFC 3550 section 5.1: V=2, PT 96, sequence, timestamp at 90 kHz, SSRC),
 * then a 64-bit packet number and the 64-bit send time in ns since the epoch, then zeros up to SIZE.
 * The destination port is bound by a socket here that never reads, so the kernel sends no ICMP port-unreachable; its
 * queue overflows after the capture tap, which libpcap does not see.
 * @module
 */

import dgram from "node:dgram";

/** RTP header (12) + packet number (8) + send time (8). */
export const MIN_PAYLOAD = 28;
const BURST_CAP_MS = 20;
/** Datagrams in flight at most; their buffers are reused in turn (node:dgram sends asynchronously). */
const POOL = 4096;
const SSRC = 0x4e505831; // "NPX1"

function usage(msg: string): never {
  console.error(`udp_sender: ${msg} (usage: udp_sender.ts PORT RATE SIZE [SECONDS])`);
  Deno.exit(2);
}

function bind(port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket("udp4");
    s.once("error", reject);
    s.bind(port, "127.0.0.1", () => resolve(s));
  });
}

if (import.meta.main) {
  const arg = (i: number, fallback = NaN) => Number(Deno.args[i] ?? fallback);
  const port = arg(0), rate = arg(1), size = arg(2), seconds = arg(3, 0);
  if (!Number.isInteger(port) || port < 1 || port > 65535) usage("PORT must be 1-65535");
  if (!(rate > 0)) usage("RATE must be a positive number of packets per second");
  if (!Number.isInteger(size) || size < MIN_PAYLOAD || size > 65507) usage(`SIZE must be ${MIN_PAYLOAD}-65507 bytes`);
  if (!(seconds >= 0)) usage("SECONDS must be 0 (until a signal) or more");

  const sink = await bind(port);
  const out = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => out.bind(0, "127.0.0.1", resolve));
  const pool = Array.from({ length: POOL }, () => new Uint8Array(size));
  let sent = 0, failed = 0, inFlight = 0, throttled = 0;
  const onSent = (err: Error | null) => {
    inFlight--;
    if (err) failed++;
  };
  const t0 = performance.now();
  const wall0 = performance.timeOrigin + t0;
  const burstCap = Math.max(1, Math.ceil(rate * BURST_CAP_MS / 1000));
  let maxBehind = 0;

  const tick = () => {
    const now = performance.now();
    const target = Math.floor(rate * (now - t0) / 1000);
    const behind = target - sent;
    if (behind > maxBehind) maxBehind = behind;
    const n = Math.min(behind, burstCap);
    const nowNs = (performance.timeOrigin + now) * 1e6;
    for (let i = 0; i < n; i++) {
      if (inFlight >= POOL) {
        throttled += n - i; // the kernel is not keeping up; resend later rather than reuse a busy buffer
        return;
      }
      const buf = pool[sent % POOL]!;
      const v = new DataView(buf.buffer);
      v.setUint8(0, 0x80);
      v.setUint8(1, 96);
      v.setUint16(2, sent & 0xffff);
      v.setUint32(4, Math.floor(sent * 90_000 / rate) >>> 0);
      v.setUint32(8, SSRC);
      v.setUint32(12, Math.floor(sent / 2 ** 32));
      v.setUint32(16, sent >>> 0);
      v.setUint32(20, Math.floor(nowNs / 2 ** 32));
      v.setUint32(24, nowNs >>> 0);
      inFlight++;
      out.send(buf, port, "127.0.0.1", onSent);
      sent++;
    }
  };

  const timer = setInterval(tick, 1);
  let finish = () => {};
  const done = new Promise<void>((resolve) => finish = resolve);
  for (const sig of ["SIGTERM", "SIGINT"] as const) Deno.addSignalListener(sig, () => finish());
  if (seconds > 0) setTimeout(() => finish(), seconds * 1000);
  console.log(JSON.stringify({ event: "started", port, rate, size, startedAtMs: wall0 }));
  await done;
  clearInterval(timer);
  const elapsed = (performance.now() - t0) / 1000;
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  out.close();
  sink.close();
  console.log(JSON.stringify({
    event: "finished",
    sent,
    failed,
    maxBehind,
    behindAtEnd: Math.floor(rate * elapsed) - sent,
    throttled,
    seconds: Math.round(elapsed * 1000) / 1000,
    rate: Math.round(sent / elapsed),
  }));
  Deno.exit(0);
}
