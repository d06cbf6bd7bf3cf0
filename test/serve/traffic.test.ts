import { describe, expect, it } from "vitest";
import { Random } from "@/lib/train/random";
import { disagreement, fmix32, fnv1a32, keyBucket, route } from "@/lib/serve/traffic";
import { parseTrafficPolicy, TrafficError, type TrafficPolicy } from "@/lib/serve/traffic-policy";

/**
 * Shares are checked against the binomial: n independent requests each on
 * the challenger with probability p land there at a share whose standard
 * error is √(p(1−p)/n). Bounds are p ± 4 standard errors, which a correct
 * router breaks by chance about once in 16,000 runs (two-sided normal tail
 * at 4σ ≈ 6.3e-5); the seeds are fixed, so a run either always passes or
 * always fails.
 */
const FOUR_SE = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n);

const CHAMPION = 3;
const CHALLENGER = 4;

const canary = (percent: number, stickyKey: string | null = null): TrafficPolicy => ({ mode: "canary", challenger: CHALLENGER, percent, stickyKey });
const shadow = (percent: number): TrafficPolicy => ({ mode: "shadow", challenger: CHALLENGER, percent });

/** 10,000 distinct keys shaped like the ids a service sends: sequential, which is the hard case for a hash. */
const KEYS = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);

function errorOf(f: () => unknown): TrafficError {
  try {
    f();
  } catch (e) {
    if (e instanceof TrafficError) return e;
    throw e;
  }
  throw new Error("expected a TrafficError, but nothing was thrown");
}

describe("the sticky-key hash", () => {
  // FNV-1a 32-bit test vectors from the FNV reference test suite
  // (http://www.isthe.com/chongo/tech/comp/fnv/, test_fnv.c; also draft-eastlake-fnv).
  it.each([
    ["", 0x811c9dc5],
    ["a", 0xe40c292c],
    ["foobar", 0xbf9cf968],
  ])("FNV-1a of %j is the published value", (text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });

  // Independently computed with Python's arbitrary-precision integers over str.encode("utf-8").
  it.each([
    ["é", 0x1e9de8c1],
    ["Zoë-42", 0xdee52345],
  ])("FNV-1a of %j hashes its UTF-8 bytes, not UTF-16 code units", (text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });

  it("fmix32 matches MurmurHash3's finalizer computed independently in BigInt", () => {
    const M = 0xffffffffn;
    const reference = (x: number) => {
      let h = BigInt(x);
      h ^= h >> 16n;
      h = (h * 0x85ebca6bn) & M;
      h ^= h >> 13n;
      h = (h * 0xc2b2ae35n) & M;
      h ^= h >> 16n;
      return Number(h);
    };
    const rng = new Random(11);
    for (const x of [0, 1, 0x811c9dc5, 0xffffffff, ...Array.from({ length: 1000 }, () => rng.uint32())]) expect(fmix32(x)).toBe(reference(x));
  });

  // Python: fmix32(fnv1a32(s)) / 2**32 * 100.
  it.each([
    ["user-1", 46.70340372249484],
    ["foobar", 4.708330985158682],
  ])("the bucket of %j is %f (to 1e-9)", (key, expected) => {
    expect(keyBucket(key)).toBeCloseTo(expected, 9);
  });

  it("spreads 10,000 sequential keys evenly over ten deciles (each 1,000 ± 4 SE = ± 120)", () => {
    const counts = new Array<number>(10).fill(0);
    for (const k of KEYS) counts[Math.floor(keyBucket(k) / 10)]++;
    const bound = FOUR_SE(0.1, KEYS.length) * KEYS.length;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThanOrEqual(bound);
  });
});

describe("route: champion mode", () => {
  it("always answers with the champion and shadows nothing", () => {
    const rng = new Random(1);
    for (let i = 0; i < 1000; i++) expect(route({ mode: "champion" }, CHAMPION, { key: `k${i}`, random: rng.float() })).toEqual({ answer: CHAMPION, shadow: null });
  });
});

describe("route: canary", () => {
  it("sends 10 % of 100,000 random requests to the challenger, within 10 % ± 4 SE (± 0.38 points)", () => {
    const n = 100_000;
    const rng = new Random(20240601);
    let challenger = 0;
    for (let i = 0; i < n; i++) {
      const r = route(canary(10), CHAMPION, { key: null, random: rng.float() });
      expect(r.shadow).toBeNull();
      if (r.answer === CHALLENGER) challenger++;
      else expect(r.answer).toBe(CHAMPION);
    }
    expect(Math.abs(challenger / n - 0.1)).toBeLessThanOrEqual(FOUR_SE(0.1, n));
  });

  it.each([1, 10, 50, 90])("sends %i %% of 10,000 distinct sticky keys to the challenger, within 4 SE", (percent) => {
    const n = KEYS.length;
    const p = percent / 100;
    const rng = new Random(7);
    const share = KEYS.filter((key) => route(canary(percent, "x-user-id"), CHAMPION, { key, random: rng.float() }).answer === CHALLENGER).length / n;
    expect(Math.abs(share - p)).toBeLessThanOrEqual(FOUR_SE(p, n));
  });

  it("keeps a sticky key on one version across 1,000 calls with different random draws", () => {
    const rng = new Random(99);
    for (const key of KEYS.slice(0, 50)) {
      const first = route(canary(30, "x-user-id"), CHAMPION, { key, random: rng.float() }).answer;
      for (let i = 0; i < 1000; i++) expect(route(canary(30, "x-user-id"), CHAMPION, { key, random: rng.float() }).answer).toBe(first);
    }
  });

  it("is monotone in percent: a key or draw on the challenger at a lower percent stays there at every higher one", () => {
    const percents = [0, 0.5, 1, 5, 10, 20, 35, 50, 75, 99, 100];
    const rng = new Random(5);
    const draws = Array.from({ length: 10_000 }, () => rng.float());
    let previousKeys = new Set<string>();
    let previousDraws = new Set<number>();
    for (const percent of percents) {
      const keys = new Set(KEYS.filter((key) => route(canary(percent, "x-user-id"), CHAMPION, { key, random: 0.5 }).answer === CHALLENGER));
      const drawn = new Set(draws.filter((random) => route(canary(percent), CHAMPION, { key: null, random }).answer === CHALLENGER));
      for (const k of previousKeys) expect(keys.has(k)).toBe(true);
      for (const d of previousDraws) expect(drawn.has(d)).toBe(true);
      expect(keys.size).toBeGreaterThanOrEqual(previousKeys.size);
      previousKeys = keys;
      previousDraws = drawn;
    }
    expect(previousKeys.size).toBe(KEYS.length);
  });

  it("splits at random when the request has no key value, or an empty one", () => {
    const policy = canary(50, "x-user-id");
    expect(route(policy, CHAMPION, { key: null, random: 0.1 }).answer).toBe(CHALLENGER);
    expect(route(policy, CHAMPION, { key: null, random: 0.9 }).answer).toBe(CHAMPION);
    expect(route(policy, CHAMPION, { key: "", random: 0.1 }).answer).toBe(CHALLENGER);
    expect(route(policy, CHAMPION, { key: "", random: 0.9 }).answer).toBe(CHAMPION);
  });

  it("ignores a key the policy did not ask for", () => {
    // "foobar" buckets at 4.7, so a sticky policy at 10 % would send it to the challenger.
    expect(route(canary(10, "x-user-id"), CHAMPION, { key: "foobar", random: 0.99 }).answer).toBe(CHALLENGER);
    expect(route(canary(10), CHAMPION, { key: "foobar", random: 0.99 }).answer).toBe(CHAMPION);
  });

  it("at 0 % never answers with the challenger, at 100 % always does (random draws 0 and just under 1 included)", () => {
    const extremes = [0, 1 - 2 ** -32, 1 - Number.EPSILON / 2];
    for (const random of extremes) {
      expect(route(canary(0), CHAMPION, { key: null, random }).answer).toBe(CHAMPION);
      expect(route(canary(100), CHAMPION, { key: null, random }).answer).toBe(CHALLENGER);
    }
    for (const key of KEYS) {
      expect(route(canary(0, "x-user-id"), CHAMPION, { key, random: 0 }).answer).toBe(CHAMPION);
      expect(route(canary(100, "x-user-id"), CHAMPION, { key, random: 0 }).answer).toBe(CHALLENGER);
    }
  });

  it("answers with the champion when the challenger is the champion (blue-green already switched)", () => {
    expect(route(canary(100), CHALLENGER, { key: null, random: 0 })).toEqual({ answer: CHALLENGER, shadow: null });
  });
});

describe("route: shadow", () => {
  it("always answers with the champion and shadows 25 % of 100,000 requests, within 4 SE (± 0.55 points)", () => {
    const n = 100_000;
    const rng = new Random(424242);
    let shadowed = 0;
    for (let i = 0; i < n; i++) {
      const r = route(shadow(25), CHAMPION, { key: `user-${i % 100}`, random: rng.float() });
      expect(r.answer).toBe(CHAMPION);
      if (r.shadow !== null) {
        expect(r.shadow).toBe(CHALLENGER);
        shadowed++;
      }
    }
    expect(Math.abs(shadowed / n - 0.25)).toBeLessThanOrEqual(FOUR_SE(0.25, n));
  });

  it("at 0 % shadows nothing, at 100 % everything, and never shadows the champion with itself", () => {
    for (const random of [0, 0.5, 1 - 2 ** -32]) {
      expect(route(shadow(0), CHAMPION, { key: null, random })).toEqual({ answer: CHAMPION, shadow: null });
      expect(route(shadow(100), CHAMPION, { key: null, random })).toEqual({ answer: CHAMPION, shadow: CHALLENGER });
      expect(route(shadow(100), CHALLENGER, { key: null, random })).toEqual({ answer: CHALLENGER, shadow: null });
    }
  });
});

describe("route: caller mistakes", () => {
  it.each([
    [0, "championVersion: must be a version number from 1 (got 0)"],
    [2.5, "championVersion: must be a version number from 1 (got 2.5)"],
    [NaN, "championVersion: must be a version number from 1 (got NaN)"],
  ])("refuses championVersion %s", (version, message) => {
    const e = errorOf(() => route({ mode: "champion" }, version, { key: null, random: 0.5 }));
    expect(e.code).toBe("invalid_request");
    expect(e.message).toBe(message);
  });

  it.each([1, -0.1, NaN, Infinity])("refuses random %s (must be in [0, 1))", (random) => {
    const e = errorOf(() => route(canary(10), CHAMPION, { key: null, random }));
    expect(e.code).toBe("invalid_request");
    expect(e.message).toBe(`random: must be in [0, 1) (got ${random})`);
  });
});

describe("parseTrafficPolicy", () => {
  it.each<[string, unknown, TrafficPolicy]>([
    ["champion", { mode: "champion" }, { mode: "champion" }],
    ["canary with a sticky key", { mode: "canary", challenger: 4, percent: 10, stickyKey: "x-user-id" }, canary(10, "x-user-id")],
    ["canary, sticky key null", { mode: "canary", challenger: 4, percent: 0.5, stickyKey: null }, canary(0.5)],
    ["canary, sticky key omitted (null)", { mode: "canary", challenger: 4, percent: 100 }, canary(100)],
    ["shadow", { mode: "shadow", challenger: 4, percent: 0 }, shadow(0)],
  ])("accepts %s", (_, value, expected) => {
    expect(parseTrafficPolicy(value)).toEqual(expected);
  });

  it.each<[string, unknown, string]>([
    ["percent above 100", { mode: "canary", challenger: 4, percent: 150 }, "percent: must be from 0 to 100 (got 150)"],
    ["negative percent", { mode: "shadow", challenger: 4, percent: -1 }, "percent: must be from 0 to 100 (got -1)"],
    ["percent as text", { mode: "canary", challenger: 4, percent: "10" }, 'percent: must be from 0 to 100 (got "10")'],
    ["infinite percent", { mode: "canary", challenger: 4, percent: Infinity }, "percent: must be from 0 to 100 (got Infinity)"],
    ["missing percent", { mode: "shadow", challenger: 4 }, "percent: required"],
    ["missing challenger", { mode: "canary", percent: 10 }, "challenger: required"],
    ["challenger 0", { mode: "canary", challenger: 0, percent: 10 }, "challenger: must be a version number from 1 (got 0)"],
    ["fractional challenger", { mode: "shadow", challenger: 1.5, percent: 10 }, "challenger: must be a whole version number (got 1.5)"],
    ["challenger as an alias name", { mode: "canary", challenger: "challenger", percent: 10 }, 'challenger: must be a version number (got "challenger")'],
    ["empty sticky key", { mode: "canary", challenger: 4, percent: 10, stickyKey: "" }, 'stickyKey: must not be empty (use null for no sticky key) (got "")'],
    ["padded sticky key", { mode: "canary", challenger: 4, percent: 10, stickyKey: " x-user " }, 'stickyKey: must not start or end with spaces (got " x-user ")'],
    ["sticky key on a shadow", { mode: "shadow", challenger: 4, percent: 10, stickyKey: "x" }, "stickyKey: not a field of a shadow policy (its fields: mode, challenger, percent)"],
    ["fields on champion", { mode: "champion", percent: 10 }, "percent: not a field of a champion policy (its fields: mode)"],
    ["blue-green as a mode", { mode: "blue-green" }, 'mode: must be one of "champion", "canary", "shadow" (got "blue-green"; blue-green is moving the champion alias, not a mode)'],
    ["no mode", { percent: 10 }, 'mode: required (one of "champion", "canary", "shadow")'],
    ["not an object", "canary", 'policy: must be an object with a mode (got "canary")'],
    ["null", null, "policy: must be an object with a mode (got null)"],
  ])("refuses %s", (_, value, message) => {
    const e = errorOf(() => parseTrafficPolicy(value));
    expect(e.code).toBe("invalid_policy");
    expect(e.message).toBe(message);
  });
});

describe("disagreement", () => {
  it.each<[string, string[], string[], number]>([
    ["identical labels", ["a", "b", "c", "a"], ["a", "b", "c", "a"], 0],
    ["one of four labels differs", ["a", "b", "c", "a"], ["a", "b", "c", "b"], 0.25],
    ["every label differs", ["x", "y"], ["y", "x"], 1],
    ["labels are compared exactly (case matters)", ["Adelie", "Gentoo", "Chinstrap"], ["adelie", "Gentoo", "Chinstrap"], 1 / 3],
  ])("labels: %s → share %f", (_, a, b, share) => {
    const d = disagreement(a, b);
    expect(d.kind).toBe("labels");
    expect(d.rows).toBe(a.length);
    expect(d.value).toBeCloseTo(share, 12);
  });

  it.each<[string, ArrayLike<number>, ArrayLike<number>, number]>([
    ["identical values", [1, 2, 3], [1, 2, 3], 0],
    // |1−2| + |2−0| + |3−3.5| = 1 + 2 + 0.5 = 3.5, over 3 rows.
    ["mixed signs of difference", [1, 2, 3], [2, 0, 3.5], 3.5 / 3],
    // Float32: 0.5 and 0.25 are exact, so (0.5 + 0.25) / 2 exactly.
    ["typed arrays", new Float32Array([1, 2]), new Float32Array([1.5, 1.75]), 0.375],
  ])("regression: %s → mean |a − b| %f (to 1e-12)", (_, a, b, mad) => {
    const d = disagreement(a, b);
    expect(d.kind).toBe("regression");
    expect(d.value).toBeCloseTo(mad, 12);
  });

  it("is zero for no rows", () => {
    expect(disagreement([], [])).toEqual({ kind: "labels", rows: 0, value: 0 });
    expect(disagreement(new Float32Array(0), [])).toEqual({ kind: "labels", rows: 0, value: 0 });
  });

  it.each<[string, ArrayLike<unknown>, ArrayLike<unknown>, string]>([
    ["different row counts", ["a", "b"], ["a"], "rows: 2 against 1, must be equal"],
    ["labels against numbers", ["a"], [1], "kinds: labels against regression, must be the same"],
    ["a NaN output", [1, NaN], [1, 2], "a[1]: must be a finite number, like a[0] (got NaN)"],
    ["a mixed column", ["a", "b"], ["a", 3], "b[1]: must be a label (string), like b[0] (got 3)"],
    ["a null output", [null], [1], "a[0]: must be a label (string) or a finite number (got null)"],
  ])("refuses %s", (_, a, b, message) => {
    const e = errorOf(() => disagreement(a as readonly string[], b as readonly string[]));
    expect(e.code).toBe("invalid_outputs");
    expect(e.message).toBe(message);
  });
});
