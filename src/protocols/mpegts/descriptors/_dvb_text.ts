/**
 * DVB SI text (ETSI EN 300 468 Annex A.2): an optional first byte selects the character table. Decoded here:
 * 0x01–0x0B (ISO/IEC 8859-5 … 8859-15), 0x10 0x00 0xNN (ISO/IEC 8859-NN), 0x11 (UCS-2), 0x12 (KS X 1001),
 * 0x13 (GB 2312), 0x14 (Big5), 0x15 (UTF-8). Text without a selector uses the default table, ISO/IEC 6937, whose
 * printable ASCII range is read as is; its accent combinations above 0xA0 are read as ISO/IEC 8859-1 (an
 * approximation). The control codes 0x80–0x9F of single-byte tables are dropped, except 0x8A (CR/LF) which becomes "\n".
 *
 * @module
 */
// This module is browser compatible.

const SINGLE_BYTE: Record<number, string> = {
  0x01: "iso-8859-5",
  0x02: "iso-8859-6",
  0x03: "iso-8859-7",
  0x04: "iso-8859-8",
  0x05: "windows-1254", // ISO/IEC 8859-9: WHATWG maps its label to windows-1254
  0x06: "iso-8859-10",
  0x07: "windows-874", // ISO/IEC 8859-11 (Thai)
  0x09: "iso-8859-13",
  0x0a: "iso-8859-14",
  0x0b: "iso-8859-15",
};

const MULTI_BYTE: Record<number, string> = {
  0x11: "utf-16be",
  0x12: "euc-kr",
  0x13: "gbk",
  0x14: "big5",
  0x15: "utf-8",
};

/**
 * Decodes DVB SI text; never throws (an unknown table falls back to the default).
 * @param data The text field, selector byte included.
 * @returns The text.
 * @private
 */
export function decodeDvbText(data: Uint8Array): string {
  if (data.length === 0) return "";
  const first = data[0]!;
  let label: string | undefined;
  let start = 0;
  if (first >= 0x01 && first <= 0x0b) {
    label = SINGLE_BYTE[first];
    start = 1;
  } else if (first === 0x10) {
    const n = data.length >= 3 ? data[2]! : 1;
    label = n === 1 ? undefined : n === 9 ? "windows-1254" : n === 11 ? "windows-874" : `iso-8859-${n}`;
    start = Math.min(3, data.length);
  } else if (first >= 0x11 && first <= 0x15) {
    label = MULTI_BYTE[first];
    start = 1;
  } else if (first < 0x20) {
    start = first === 0x1f ? Math.min(2, data.length) : 1; // 0x1F: encoding_type_id, not decoded
  }
  const body = data.subarray(start);
  if (label !== undefined) {
    try {
      const text = new TextDecoder(label).decode(body);
      return label === "utf-8" || label === "utf-16be" ? text : stripControls(text);
    } catch {
      // an encoding this runtime lacks: fall back to the default table
    }
  }
  let s = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === 0x8a) s += "\n";
    else if (c >= 0x20 && (c < 0x80 || c >= 0xa0)) s += String.fromCharCode(c);
  }
  return s;
}

function stripControls(text: string): string {
  return text.replace(/\u008a/g, "\n").replace(/[\u0080-\u009f]/g, "");
}
