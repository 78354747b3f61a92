/**
 * `netpix list`: the capture devices that are up and have an address, plus `any`, with their flags and addresses.
 * @module
 */

import { type Device, listDevices } from "../../ffi/capture.ts";

/** Devices worth offering: up with at least one address, or the `any` pseudo-device. */
export function usableDevices(all: Device[]): Device[] {
  return all.filter((d) => (d.flags.up && d.addresses.length > 0) || d.name === "any");
}

/** Formats devices as numbered text blocks. */
export function formatDevices(devices: Device[]): string {
  return devices.map((d, i) => {
    const flags = (["loopback", "up", "running", "wireless"] as const).filter((f) => d.flags[f]);
    const lines = [`${i + 1}. ${d.name} (${flags.length ? flags.join(" | ") : "none"})`];
    if (d.description) lines.push(`   ${d.description}`);
    if (d.addresses.length) {
      lines.push("   Addrs:");
      for (const a of d.addresses) lines.push(`     ${a.addr} (mask ${a.netmask ?? "none"})`);
    }
    return lines.join("\n");
  }).join("\n\n");
}

export function runList(json: boolean): void {
  const devices = usableDevices(listDevices());
  console.log(json ? JSON.stringify(devices, null, 2) : formatDevices(devices));
}
