/**
 * A minimal WebSocket client (RFC 6455) over a plain TCP connection, for the load harness's slow and stalled clients.
 *
 * Why not the WebSocket API: it reads the socket as fast as data comes and queues messages in the client's memory, so a
 * "slow" consumer behind it never slows the server down. Here bytes are read from the kernel only when the caller asks
 * for the next message; a caller that stops asking lets the kernel's receive buffer fill, TCP's window close, and the
 * server's socket back up, which is what a slow or frozen browser on a real network does to the server. (npm `ws` can
 * pause too, but through Deno's node:net compatibility layer, whose buffering we would have to trust; the protocol
 * subset a client needs is small.)
 *
 * Supported: the opening handshake (section 4.1, with the Sec-WebSocket-Accept check), unmasked server frames of any
 * length, fragmented messages (5.4), ping → pong (5.5.2), close (5.5.1), and masked client text/close frames (5.3).
 * No extensions are offered, so the server cannot use permessage-deflate on this connection.
 * @module
 */

/** RFC 6455 section 1.3: appended to the key before hashing. */
const ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
/** Bytes asked of the kernel per read: small, so a stopped reader leaves the rest in the socket. */
const READ_CHUNK = 64 << 10;
/** Largest message accepted; netpix batches are at most a few hundred KiB. */
const MAX_MESSAGE = 64 << 20;

export const Opcode = { Continuation: 0, Text: 1, Binary: 2, Close: 8, Ping: 9, Pong: 10 } as const;

export interface RawMessage {
  /** Text or Binary. */
  opcode: number;
  /** The payload; valid until the next `nextMessage` call. */
  data: Uint8Array;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function base64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export class RawWebSocket {
  #buf = new Uint8Array(2 * READ_CHUNK);
  #start = 0;
  #end = 0;
  #fragments: Uint8Array[] = [];
  #fragmentOpcode = 0;
  closed = false;
  /** The close code the server sent, if any. */
  closeCode: number | null = null;
  /** The reason the server gave with it. */
  closeReason = "";

  private constructor(readonly conn: Deno.TcpConn) {}

  /** Connects to `ws://host:port/path` and completes the opening handshake; throws with the server's answer on failure. */
  static async connect(url: string, timeoutMs = 10_000): Promise<RawWebSocket> {
    const u = new URL(url);
    if (u.protocol !== "ws:") throw new TypeError(`Cannot connect to ${url}: only ws:// URLs are supported`);
    const conn = await Deno.connect({ hostname: u.hostname, port: Number(u.port || 80) });
    const ws = new RawWebSocket(conn);
    const timer = setTimeout(() => ws.abort(), timeoutMs);
    try {
      await ws.#handshake(u);
    } catch (e) {
      ws.abort();
      throw e;
    } finally {
      clearTimeout(timer);
    }
    return ws;
  }

  async #handshake(u: URL): Promise<void> {
    const key = base64(crypto.getRandomValues(new Uint8Array(16)));
    await this.#write(enc.encode(
      `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    ));
    let headerEnd = -1;
    while (headerEnd < 0) {
      if (!await this.#fill()) throw new Error("Cannot open WebSocket: the server closed during the handshake");
      const b = this.#buf;
      for (let i = this.#start; i + 3 < this.#end && headerEnd < 0; i++) {
        if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) headerEnd = i + 4;
      }
      if (headerEnd < 0 && this.#end - this.#start > 16 << 10) {
        throw new Error("Cannot open WebSocket: response headers too long");
      }
    }
    const head = dec.decode(this.#buf.subarray(this.#start, headerEnd));
    this.#start = headerEnd;
    const status = head.slice(0, head.indexOf("\r\n"));
    if (!/^HTTP\/1\.1 101 /.test(status)) throw new Error(`Cannot open WebSocket: ${status}`);
    const accept = head.match(/^sec-websocket-accept:\s*(\S+)\s*$/im)?.[1];
    const want = base64(new Uint8Array(await crypto.subtle.digest("SHA-1", enc.encode(key + ACCEPT_GUID))));
    if (accept !== want) throw new Error("Cannot open WebSocket: wrong Sec-WebSocket-Accept");
  }

  /** Reads more bytes from the socket into the buffer; false at end of stream. */
  async #fill(): Promise<boolean> {
    if (this.#start > 0 && this.#start === this.#end) this.#start = this.#end = 0;
    if (this.#buf.length - this.#end < READ_CHUNK) {
      const live = this.#end - this.#start;
      const size = Math.max(this.#buf.length, live + READ_CHUNK);
      const next = size > this.#buf.length ? new Uint8Array(size) : this.#buf;
      next.set(this.#buf.subarray(this.#start, this.#end), 0);
      this.#buf = next;
      this.#start = 0;
      this.#end = live;
    }
    let n: number | null;
    try {
      n = await this.conn.read(this.#buf.subarray(this.#end, this.#end + READ_CHUNK));
    } catch {
      n = null;
    }
    if (n === null) return false;
    this.#end += n;
    return true;
  }

  /**
   * The next text or binary message, reading from the socket only as far as needed; null once the connection closed.
   * Answers pings on the way.
   */
  async nextMessage(): Promise<RawMessage | null> {
    while (!this.closed) {
      const frame = this.#parseFrame();
      if (frame === "need-more") {
        if (!await this.#fill()) {
          this.closed = true;
          return null;
        }
        continue;
      }
      const { fin, opcode, payload } = frame;
      if (opcode === Opcode.Ping) {
        await this.#sendFrame(Opcode.Pong, payload.slice());
        continue;
      }
      if (opcode === Opcode.Pong) continue;
      if (opcode === Opcode.Close) {
        this.closeCode = payload.length >= 2 ? (payload[0]! << 8) | payload[1]! : 1005;
        this.closeReason = dec.decode(payload.subarray(2));
        await this.#sendFrame(Opcode.Close, payload.slice(0, 2)).catch(() => {});
        this.abort();
        return null;
      }
      if (opcode === Opcode.Continuation || !fin) {
        if (opcode !== Opcode.Continuation) this.#fragmentOpcode = opcode;
        this.#fragments.push(payload.slice());
        if (!fin) continue;
        const total = this.#fragments.reduce((n, f) => n + f.length, 0);
        const whole = new Uint8Array(total);
        let at = 0;
        for (const f of this.#fragments) {
          whole.set(f, at);
          at += f.length;
        }
        this.#fragments = [];
        return { opcode: this.#fragmentOpcode, data: whole };
      }
      return { opcode, data: payload };
    }
    return null;
  }

  /** One frame from the buffer (section 5.2), or "need-more" when it is not all there yet. */
  #parseFrame(): { fin: boolean; opcode: number; payload: Uint8Array } | "need-more" {
    const b = this.#buf;
    const have = this.#end - this.#start;
    if (have < 2) return "need-more";
    const s = this.#start;
    const fin = (b[s]! & 0x80) !== 0;
    const opcode = b[s]! & 0x0f;
    const masked = (b[s + 1]! & 0x80) !== 0;
    let len = b[s + 1]! & 0x7f;
    let at = s + 2;
    if (len === 126) {
      if (have < 4) return "need-more";
      len = (b[s + 2]! << 8) | b[s + 3]!;
      at += 2;
    } else if (len === 127) {
      if (have < 10) return "need-more";
      const v = new DataView(b.buffer, b.byteOffset + s + 2, 8);
      len = v.getUint32(0) * 2 ** 32 + v.getUint32(4);
      at += 8;
    }
    if (len > MAX_MESSAGE) throw new RangeError(`WebSocket frame of ${len} bytes exceeds ${MAX_MESSAGE}`);
    const maskAt = at;
    if (masked) at += 4;
    if (this.#end - at < len) return "need-more";
    const payload = b.subarray(at, at + len);
    if (masked) { for (let i = 0; i < len; i++) payload[i]! ^= b[maskAt + (i & 3)]!; }
    this.#start = at + len;
    return { fin, opcode, payload };
  }

  async #write(bytes: Uint8Array): Promise<void> {
    let off = 0;
    while (off < bytes.length) off += await this.conn.write(bytes.subarray(off));
  }

  /** Sends one masked frame (a client must mask, section 5.3). */
  async #sendFrame(opcode: number, payload: Uint8Array): Promise<void> {
    const len = payload.length;
    const ext = len < 126 ? 0 : len < 65536 ? 2 : 8;
    const out = new Uint8Array(2 + ext + 4 + len);
    out[0] = 0x80 | opcode;
    out[1] = 0x80 | (ext === 0 ? len : ext === 2 ? 126 : 127);
    const v = new DataView(out.buffer);
    if (ext === 2) v.setUint16(2, len);
    if (ext === 8) v.setUint32(6, len);
    const mask = crypto.getRandomValues(new Uint8Array(4));
    out.set(mask, 2 + ext);
    const body = 2 + ext + 4;
    for (let i = 0; i < len; i++) out[body + i] = payload[i]! ^ mask[i & 3]!;
    await this.#write(out);
  }

  sendText(text: string): Promise<void> {
    return this.#sendFrame(Opcode.Text, enc.encode(text));
  }

  /** A clean close: sends a close frame (1000) and closes the TCP connection without waiting for the answer. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.#sendFrame(Opcode.Close, new Uint8Array([0x03, 0xe8])).catch(() => {});
    this.abort();
  }

  /** Drops the TCP connection with no close frame, as a crashed browser or a lost network would. */
  abort(): void {
    this.closed = true;
    try {
      this.conn.close();
    } catch { /* already closed */ }
  }
}
