/**
 * BPF filters for sources. On live interfaces netpix hides its own HTTP/WebSocket traffic by ANDing a filter on the
 * server's address and port with the user's, as the original tool did; files get the user's filter unchanged.
 * @module
 */

/** The filter that excludes the server's own traffic: `not port P` for a wildcard bind address, else host and port. */
export function ownTrafficFilter(address: string, port: number): string {
  const wildcard = address === "0.0.0.0" || address === "::" || address === "[::]";
  if (wildcard) return `not port ${port}`;
  const host = address.replace(/^\[|\]$/g, "");
  return `not (host ${host} and port ${port})`;
}

/** The filter applied to a live interface: own-traffic exclusion, ANDed with the user's filter when there is one. */
export function liveFilter(address: string, port: number, user: string): string {
  const own = ownTrafficFilter(address, port);
  return user.trim() === "" ? own : `(${own}) and (${user})`;
}
