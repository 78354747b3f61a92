/**
 * Splits a byte stream into lines for the harness's JSON-lines pipes (commands to a worker, events from a child).
 * @module
 */

/** The lines of `stream`, trimmed, each as soon as its newline arrives; a last line without one is dropped. */
export async function* streamLines(stream: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const dec = new TextDecoder();
  let pending = "";
  for await (const chunk of stream) {
    pending += dec.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      yield line;
    }
  }
}
