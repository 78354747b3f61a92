/**
 * When a `netpix capture` job stops, and which packets are still part of it.
 *
 * `--duration` and a signal set a cutoff time: packets the kernel timestamped at or after it are left out, so the files
 * cover exactly the window even though reads complete a little later. Each interface's loop ends as soon as it reads
 * a packet past the cutoff; an idle one ends `graceMs` after the cutoff, once the kernel had time to hand over what it
 * held. `--count` and failures end every loop at once.
 * @module
 */

/** Why the job stopped. */
export type StopReason = "duration" | "count" | "signal" | "error";

/** The clock the kernel timestamps packets with (CLOCK_REALTIME), in ms with sub-ms precision. */
export function unixNowMs(): number {
  return performance.timeOrigin + performance.now();
}

export class StopControl {
  /** Set once every loop must end. */
  reason: StopReason | null = null;
  #cutSec = Infinity;
  #cutNsec = 0;
  #cutWhy: StopReason | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param graceMs How long after a cutoff an idle loop still waits for packets captured before it.
   * @param now The packet clock (Unix ms); tests pass their own.
   */
  constructor(readonly graceMs: number, readonly now: () => number = unixNowMs) {}

  /** Ends every loop now (the packet count was reached, something failed). */
  stopNow(why: StopReason): void {
    this.reason ??= why;
  }

  /**
   * Leaves out packets captured at or after `atMs` (only an earlier cutoff replaces one already set).
   * @param why Reported as the reason the job stopped.
   * @param atMs Unix time in ms.
   */
  cutAt(why: StopReason, atMs: number): void {
    const sec = Math.floor(atMs / 1000);
    const nsec = Math.min(999_999_999, Math.round((atMs - sec * 1000) * 1e6));
    if (sec > this.#cutSec || (sec === this.#cutSec && nsec >= this.#cutNsec)) return;
    [this.#cutSec, this.#cutNsec, this.#cutWhy] = [sec, nsec, why];
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.stopNow(why), Math.max(0, atMs - this.now()) + this.graceMs);
  }

  /**
   * Whether a packet captured at (`sec`, `nsec`) is at or past the cutoff.
   * @param sec Unix seconds.
   * @param nsec Nanoseconds within the second.
   */
  isPast(sec: number, nsec: number): boolean {
    return sec > this.#cutSec || (sec === this.#cutSec && nsec >= this.#cutNsec);
  }

  /** Why the job stopped: the hard stop, else the cutoff's reason (every loop passed it). */
  get stoppedBy(): StopReason | null {
    return this.reason ?? this.#cutWhy;
  }

  /** Cancels the pending timer (call when the job is over). */
  dispose(): void {
    clearTimeout(this.#timer);
  }
}
