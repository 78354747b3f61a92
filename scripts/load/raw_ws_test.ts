import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { Opcode, RawWebSocket } from "./raw_ws.ts";

const MB = 1 << 20;

/** A Deno WebSocket server on a free port; `onSocket` gets each accepted socket once it is open. */
function serve(onSocket: (ws: WebSocket) => void): { url: string; close: () => Promise<void> } {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    socket.onopen = () => onSocket(socket);
    return response;
  });
  return { url: `ws://127.0.0.1:${server.addr.port}/ws`, close: () => server.shutdown() };
}

function message(i: number, size: number): Uint8Array<ArrayBuffer> {
  const m = new Uint8Array(size);
  m.fill(i & 0xff);
  new DataView(m.buffer).setUint32(0, i);
  return m;
}

Deno.test("RawWebSocket handshakes, receives small, 16-bit and 64-bit length frames, and sends text", async () => {
  let got = "";
  const gotText = Promise.withResolvers<void>();
  const srv = serve((ws) => {
    ws.onmessage = (ev) => {
      got = ev.data as string;
      gotText.resolve();
    };
    ws.send(message(1, 100));
    ws.send(message(2, 60_000));
    ws.send(message(3, 200_000));
    ws.send("hello");
  });
  const ws = await RawWebSocket.connect(srv.url);
  try {
    for (const [i, size] of [[1, 100], [2, 60_000], [3, 200_000]] as const) {
      const m = await ws.nextMessage();
      strictEqual(m?.opcode, Opcode.Binary);
      deepStrictEqual(m.data, message(i, size));
    }
    const t = await ws.nextMessage();
    deepStrictEqual([t?.opcode, new TextDecoder().decode(t?.data)], [Opcode.Text, "hello"]);
    await ws.sendText(JSON.stringify({ type: "select", source: 0 }));
    await gotText.promise;
    strictEqual(got, '{"type":"select","source":0}');
  } finally {
    await ws.close();
    await srv.close();
  }
});

Deno.test("RawWebSocket that stops reading backs up the server's socket, then receives everything in order", async () => {
  const COUNT = 48;
  let server: WebSocket | null = null;
  const opened = Promise.withResolvers<void>();
  const srv = serve((ws) => {
    server = ws;
    opened.resolve();
  });
  const ws = await RawWebSocket.connect(srv.url);
  try {
    await opened.promise;
    for (let i = 0; i < COUNT; i++) server!.send(message(i, MB));
    await new Promise((r) => setTimeout(r, 500));
    // Kernel buffers on lo hold a few MiB; the rest waits in the server because this client does not read.
    ok(server!.bufferedAmount > 8 * MB, `server still holds ${server!.bufferedAmount} bytes`);
    for (let i = 0; i < COUNT; i++) {
      const m = await ws.nextMessage();
      strictEqual(m?.data.length, MB);
      strictEqual(new DataView(m.data.buffer, m.data.byteOffset).getUint32(0), i);
    }
    strictEqual(server!.bufferedAmount, 0);
  } finally {
    await ws.close();
    await srv.close();
  }
});

Deno.test("RawWebSocket reports the server's close code and then returns null", async () => {
  const srv = serve((ws) => ws.close(1013, "Maximum client limit reached"));
  const ws = await RawWebSocket.connect(srv.url);
  try {
    strictEqual(await ws.nextMessage(), null);
    strictEqual(ws.closeCode, 1013);
  } finally {
    ws.abort();
    await srv.close();
  }
});
