/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna 2018,
 * https://prng.di.unimi.it/xoshiro128starstar.c), 32-bit operations only,
 * period 2^128 − 1. The 128-bit state is filled from a 32-bit seed by a
 * SplitMix-style sequence (a Weyl step mixed by MurmurHash3's fmix32), as
 * the xoshiro authors advise, so nearby seeds give unrelated streams.
 */
export interface Random {
  /** Uniform integer in [0, 2^32). */
  uint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  float(): number;
  /** A new generator seeded from this one: an independent stream for a sub-task. */
  fork(): Random;
}

export class Xoshiro128 implements Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Starts from the given 128-bit state (not all zero), as the reference code does. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) s3 = 1; // the all-zero state is a fixed point
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  uint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  float(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  fork(): Random {
    return new Xoshiro128(this.uint32(), this.uint32(), this.uint32(), this.uint32());
  }
}

/** The generator for a 32-bit seed (non-integers and larger numbers are truncated to 32 bits). */
export function createRandom(seed: number): Random {
  let z = seed | 0;
  const next = (): number => {
    z = (z + 0x9e3779b9) | 0;
    let h = z;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) | 0;
  };
  return new Xoshiro128(next(), next(), next(), next());
}
