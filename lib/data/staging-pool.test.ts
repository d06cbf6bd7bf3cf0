import { afterEach, describe, expect, it, vi } from "vitest";
import { StagingPool } from "./staging-pool";

afterEach(() => vi.useRealTimers());

describe("StagingPool", () => {
  it("lends the smallest free buffer that fits, else a new one of the size asked", () => {
    const pool = new StagingPool();
    const big = pool.take(1000);
    const small = pool.take(100);
    expect(big.byteLength).toBe(1000);
    pool.give(big);
    pool.give(small);
    expect(pool.take(50)).toBe(small);
    expect(pool.take(50)).toBe(big);
    const fresh = pool.take(50);
    expect(fresh).not.toBe(big);
    expect(fresh.byteLength).toBe(50);
  });

  it("lends its largest buffer for output of unknown size, or nothing", () => {
    const pool = new StagingPool();
    expect(pool.takeLargest()).toBeNull();
    const a = pool.take(10);
    const b = pool.take(30);
    pool.give(a);
    pool.give(b);
    expect(pool.takeLargest()).toBe(b);
    expect(pool.takeLargest()).toBe(a);
    expect(pool.takeLargest()).toBeNull();
  });

  it("keeps at most maxFree buffers, the largest, and a buffer given twice once", () => {
    const pool = new StagingPool(60_000, 2);
    const bufs = [10, 40, 20, 30].map((n) => pool.take(n));
    for (const b of bufs) pool.give(b);
    pool.give(bufs[1]);
    expect(pool.heldBytes).toBe(70);
  });

  it("lets everything go after the idle time without a load", () => {
    vi.useFakeTimers();
    const pool = new StagingPool(1000);
    pool.give(pool.take(64));
    vi.advanceTimersByTime(999);
    expect(pool.heldBytes).toBe(64);
    pool.give(pool.take(64)); // a load resets the clock
    vi.advanceTimersByTime(999);
    expect(pool.heldBytes).toBe(64);
    vi.advanceTimersByTime(2);
    expect(pool.heldBytes).toBe(0);
  });
});
