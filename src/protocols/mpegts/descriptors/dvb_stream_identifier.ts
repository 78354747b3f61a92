/**
 * stream_identifier_descriptor, tag 0x52 (ETSI EN 300 468 §6.2.39, Table 102): `component_tag (8)`, which links an
 * elementary stream to the component_descriptor of the EIT.
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A decoded stream_identifier_descriptor. */
export interface DvbStreamIdentifierDescriptor {
  readonly kind: "dvb_stream_identifier";
  readonly componentTag: number;
}

/**
 * Decodes a stream_identifier_descriptor body.
 * @param data The body.
 * @returns The component tag, or a failure for an empty body.
 * @example
 * ```ts
 * import { decodeDvbStreamIdentifierDescriptor } from "./dvb_stream_identifier.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeDvbStreamIdentifierDescriptor(new Uint8Array([0x21]));
 * strictEqual("kind" in d && d.componentTag, 0x21);
 * ```
 */
export function decodeDvbStreamIdentifierDescriptor(data: Uint8Array): Decoded<DvbStreamIdentifierDescriptor> {
  if (data.length < 1) return tooShort("stream_identifier", 1, 0);
  return { kind: "dvb_stream_identifier", componentTag: data[0]! };
}
