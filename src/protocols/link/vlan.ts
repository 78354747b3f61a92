/**
 * IEEE 802.1Q VLAN tags, as they follow an EtherType field (Ethernet) or protocol field (Linux cooked capture).
 *
 * IEEE Std 802.1Q-2022 §9.6, tag format after the 2-byte TPID:
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  TPID (0x8100 C-tag, 0x88a8 S-tag)   | PCP |D|      VID        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  EtherType of what follows, or the next tag's TPID            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { be16 } from "../_bytes.ts";
import { type LinkFields, LinkNext } from "./_next.ts";

/** Customer VLAN tag protocol identifier, IEEE 802.1Q §9.5. */
export const TPID_CTAG = 0x8100;
/** Service VLAN tag protocol identifier (QinQ outer tag), IEEE 802.1Q §9.5 (formerly 802.1ad). */
export const TPID_STAG = 0x88a8;
/** Pre-standard QinQ outer tag still sent by some switches (not in IEEE 802.1Q; Wireshark accepts it too). */
export const TPID_QINQ_LEGACY = 0x9100;
/** EtherType of IPv4, RFC 894 / IEEE registry. */
export const ETHERTYPE_IPV4 = 0x0800;
/** EtherType of IPv6, RFC 2464 §3. */
export const ETHERTYPE_IPV6 = 0x86dd;
/** Values below this in the type position are IEEE 802.3 lengths, not EtherTypes (IEEE 802.3 §3.2.6). */
export const ETHERTYPE_MIN = 0x0600;

const VLAN_TAG_LENGTH = 4; // TCI (2) + the next type field (2)
const VLAN_VID_MASK = 0x0fff;

/**
 * Walks the VLAN tags that start with `type` and sets {@linkcode LinkFields} from what follows them.
 *
 * @param bytes The frame.
 * @param type The first type field (an EtherType or a TPID).
 * @param next Offset of the byte right after that type field: the first tag's TCI, or the payload.
 * @param out Receives `etherType`, `vlanCount`, `outerVlanId`, `innerVlanId` and `ipOffset`.
 * @returns Which network layer follows.
 * @private
 */
export function walkVlanTags(bytes: Uint8Array, type: number, next: number, out: LinkFields): LinkNext {
  while (type === TPID_CTAG || type === TPID_STAG || type === TPID_QINQ_LEGACY) {
    if (next + VLAN_TAG_LENGTH > bytes.length) {
      out.etherType = type;
      return LinkNext.Truncated;
    }
    const vid = be16(bytes, next) & VLAN_VID_MASK;
    if (out.vlanCount === 0) out.outerVlanId = vid;
    else if (out.vlanCount === 1) out.innerVlanId = vid;
    out.vlanCount++;
    type = be16(bytes, next + 2);
    next += VLAN_TAG_LENGTH;
  }
  out.etherType = type;
  out.ipOffset = next;
  if (type === ETHERTYPE_IPV4) return LinkNext.Ipv4;
  if (type === ETHERTYPE_IPV6) return LinkNext.Ipv6;
  return LinkNext.NotIp;
}
