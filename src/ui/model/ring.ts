/**
 * An append-only list that drops from its front: the client's bounded packet and row stores.
 * @module
 */

/** Rows in arrival order; `dropWhile` removes the oldest without copying on every call. */
export class Ring<T> {
  #items: T[] = [];
  #head = 0;
  /** Index, counted over every row ever pushed since the last clear, of the oldest row held. */
  #base = 0;
  /** Bumped by `clear()`, so that holders of global indexes know to start over. */
  generation = 0;

  /** Global index of the oldest row held (rows dropped since the last clear). */
  get base(): number {
    return this.#base;
  }

  /** Rows pushed since the last clear, held or dropped: the global index the next row will get. */
  get total(): number {
    return this.#base + this.length;
  }

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** The row at `index` (0 = oldest held). */
  at(index: number): T | undefined {
    return index < 0 ? undefined : this.#items[this.#head + index];
  }

  push(item: T): void {
    this.#items.push(item);
  }

  /** Drops the oldest rows while `pred` holds; returns how many were dropped. */
  dropWhile(pred: (item: T) => boolean): number {
    const start = this.#head;
    while (this.#head < this.#items.length && pred(this.#items[this.#head]!)) this.#head++;
    const dropped = this.#head - start;
    this.#base += dropped;
    // Compact once the dead prefix is large, so memory stays proportional to what is held.
    if (this.#head > 4096 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return dropped;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
    this.#base = 0;
    this.generation++;
  }

  /** The rows held, oldest first (a copy). */
  toArray(): T[] {
    return this.#items.slice(this.#head);
  }
}
