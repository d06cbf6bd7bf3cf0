/**
 * A small seeded pseudo-random generator for splits and anything else that
 * must replay exactly from a run's recorded seed. `Math.random` cannot be
 * seeded, and a split that changes between runs makes runs incomparable.
 *
 * Algorithm: Mulberry32, by Tommy Ettinger (2017), reference C code at
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 * — a Weyl sequence (state += 0x6D2B79F5) whose value is scrambled by a
 * MurmurHash3-style mixer. One uint32 of state and period 2^32 (its author
 * reports it passes the gjrand tests): plenty for shuffling millions of rows.
 * Not cryptographic, and not for drawing more than ~2^32 values per seed.
 */
export class Random {
  private state: number;

  /** `seed` is taken modulo 2^32; every uint32 is a valid seed, 0 included. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number: ${seed}`);
    this.state = Math.trunc(seed) >>> 0;
  }

  /** The next raw output, a uint32 — the reference's return value. */
  uint32(): number {
    // `| 0` and Math.imul keep every step in 32-bit integer arithmetic, so
    // the output is bit-for-bit that of the C reference.
    this.state = (this.state + 0x6d2b79f5) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1), on a grid of 2^-32 (32 random bits; enough for splits). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /**
   * Uniform integer in [0, n), unbiased: outputs in the incomplete last block
   * of size 2^32 mod n are rejected and redrawn (at most half are rejected,
   * so the expected number of draws is below 2). `n` is an integer in
   * [1, 2^32].
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
      throw new RangeError(`int(n) needs an integer n in [1, 2^32]: ${n}`);
    }
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.uint32();
      if (x < limit) return x % n;
    }
  }

  /**
   * Shuffles `a` in place, every permutation equally likely (given an ideal
   * generator): Fisher–Yates in Durstenfeld's form, Knuth TAOCP vol. 2,
   * §3.4.2 Algorithm P — walk from the end, swap each slot with a uniformly
   * chosen slot at or before it. Returns `a` for chaining.
   */
  shuffle(a: Int32Array): Int32Array {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
