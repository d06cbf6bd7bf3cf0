/**
 * Shared buffers lent to the decode worker and DuckDB for one load and then
 * kept for the next. A fresh 140 MB buffer costs more to touch for the first
 * time (page faults: ~0.6 s measured on these machines) than decoding the
 * Parquet file that fills it; a reused one costs a memcpy.
 *
 * Free buffers are dropped after `idleMs` without a load, so a page that
 * loaded one big file does not hold its staging memory for the session.
 */
export class StagingPool {
  private free: SharedArrayBuffer[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly idleMs = 60_000,
    private readonly maxFree = 3,
  ) {}

  /** The smallest free buffer of at least `minBytes`, or a new one of exactly that size. */
  take(minBytes: number): SharedArrayBuffer {
    this.touch();
    const fits = this.free.filter((b) => b.byteLength >= minBytes).sort((a, b) => a.byteLength - b.byteLength)[0];
    if (fits) {
      this.free.splice(this.free.indexOf(fits), 1);
      return fits;
    }
    return new SharedArrayBuffer(minBytes);
  }

  /** The largest free buffer (for output whose size is not known yet), or null. */
  takeLargest(): SharedArrayBuffer | null {
    this.touch();
    if (this.free.length === 0) return null;
    const largest = this.free.reduce((a, b) => (b.byteLength > a.byteLength ? b : a));
    this.free.splice(this.free.indexOf(largest), 1);
    return largest;
  }

  /** Returns a buffer for reuse; beyond `maxFree` the smallest are let go. */
  give(buffer: SharedArrayBuffer): void {
    this.touch();
    if (this.free.includes(buffer)) return;
    this.free.push(buffer);
    this.free.sort((a, b) => b.byteLength - a.byteLength);
    this.free.length = Math.min(this.free.length, this.maxFree);
  }

  /** Bytes held by free buffers. */
  get heldBytes(): number {
    return this.free.reduce((n, b) => n + b.byteLength, 0);
  }

  private touch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.free = [];
      this.timer = null;
    }, this.idleMs);
    // In Node (tests) the idle timer must not keep the process alive.
    (this.timer as { unref?: () => void }).unref?.();
  }
}
