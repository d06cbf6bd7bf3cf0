import { describe, expect, it } from "vitest";
import { datePart } from "@/lib/features/date-parts";
import { createRandom } from "@/lib/labels/agreement/random";
import { type InputStats, numericStats } from "@/lib/onnx/feature-stats";
import { DriftError } from "@/lib/serve/drift/errors";
import {
  JENSEN_SHANNON_ALARM,
  LARGE_WINDOW_ROWS,
  MIN_WINDOW_ROWS,
  PSI_ALARM,
  P_VALUE_ALARM,
  WASSERSTEIN_ALARM,
  driftOfInput,
  driftOfWindow,
} from "@/lib/serve/drift/window";

function normals(seed: number, n: number, shift = 0): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => shift + Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float()));
}

function draw<T>(seed: number, n: number, shares: [T, number][]): T[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => {
    let u = rng.float();
    for (const [v, p] of shares) if ((u -= p) < 0) return v;
    return shares[shares.length - 1][0];
  });
}

const numeric: InputStats = { name: "x", kind: "numeric", ...numericStats(Float64Array.from(normals(1, 20_000))) };
const colour: InputStats = { name: "colour", kind: "categorical", count: 10_000, missing: 500, frequencies: { red: 5000, blue: 3000, green: 1000 }, other: 500 };
const colourShares: [string | null, number][] = [["red", 0.5], ["blue", 0.3], ["green", 0.1], ["mauve", 0.05], [null, 0.05]];
// A flag set on 3 % of training rows.
const flagValues = Float64Array.from({ length: 10_000 }, (_, i) => (i < 300 ? 1 : 0));
const flag: InputStats = { name: "flag", kind: "boolean", ...numericStats(flagValues) };
// Timestamps spread over 2023, uniform in time.
// (7919 is prime to 5000, so i·7919 mod 5000 visits every step once; 5000 steps of 6,307.2 s make 365 days.)
const trainingTimes = Array.from({ length: 5000 }, (_, i) => Date.UTC(2023, 0, 1) + ((i * 7919) % 5000) * 6307.2e3);
const when: InputStats = {
  name: "when",
  kind: "date",
  parts: (["month", "hour"] as const).map((part) => ({ part, ...numericStats(Float64Array.from(trainingTimes, (t) => datePart(part, t))) })),
};

describe("thresholds", () => {
  it.each([
    ["large window", LARGE_WINDOW_ROWS, 1000],
    ["minimum rows", MIN_WINDOW_ROWS, 100],
    ["p-value", P_VALUE_ALARM, 0.01],
    ["PSI (Siddiqi's significant shift)", PSI_ALARM, 0.25],
    ["normalised Wasserstein", WASSERSTEIN_ALARM, 0.1],
    ["Jensen–Shannon", JENSEN_SHANNON_ALARM, 0.1],
  ])("%s", (_name, value, want) => {
    expect(value).toBe(want);
  });
});

describe("driftOfInput, numeric", () => {
  it("does not judge a window under the minimum, but still measures it", () => {
    const [r] = driftOfInput(numeric, normals(2, 50, 3));
    expect(r).toMatchObject({ input: "x", statistic: "ks", rows: 50, drifted: null });
    expect(r.value).toBeGreaterThan(0.5);
    expect(r.measures.map((m) => [m.statistic, m.drifted])).toEqual([["ks", null], ["psi", null]]);
  });

  it("judges a small window when the minimum is lowered", () => {
    expect(driftOfInput(numeric, normals(2, 50, 3), { minRows: 10 })[0].drifted).toBe(true);
  });

  it("counts present values only", () => {
    const live = [...normals(4, 60), ...new Array<number>(100).fill(NaN), ...new Array<null>(100).fill(null)];
    expect(driftOfInput(numeric, live)[0]).toMatchObject({ rows: 60, drifted: null });
  });

  it.each([
    ["500 rows, no drift", 500, 0, "ks", false],
    ["500 rows, shifted 0.5 std", 500, 0.5, "ks", true],
    ["2,000 rows, no drift", 2000, 0, "wasserstein", false],
    ["2,000 rows, shifted 0.5 std", 2000, 0.5, "wasserstein", true],
  ])("%s", (_name, n, shift, statistic, drifted) => {
    const [r] = driftOfInput(numeric, normals(5, n, shift));
    expect(r).toMatchObject({ statistic, drifted, rows: n });
    expect(r.measures.map((m) => m.statistic)).toEqual([statistic, "psi"]);
    if (statistic === "ks") expect(r.pValue).toBeTypeOf("number");
  });

  it("puts PSI in the verdict: a doubled spread crosses its alarm", () => {
    const [r] = driftOfInput(numeric, normals(6, 300).map((v) => 2 * v));
    const psi = r.measures.find((m) => m.statistic === "psi")!;
    expect(psi.value).toBeGreaterThan(PSI_ALARM);
    expect(psi.drifted).toBe(true);
    expect(r.drifted).toBe(true);
  });
});

describe("driftOfInput, categorical and boolean", () => {
  it.each([
    ["500 rows, training shares", 500, colourShares, "chi_square", false],
    ["500 rows, other ×4", 500, [["red", 0.45], ["blue", 0.25], ["green", 0.05], ["mauve", 0.2], [null, 0.05]], "chi_square", true],
    ["2,000 rows, training shares", 2000, colourShares, "jensen_shannon", false],
    ["2,000 rows, red and blue swapped", 2000, [["red", 0.3], ["blue", 0.5], ["green", 0.1], ["mauve", 0.05], [null, 0.05]], "jensen_shannon", true],
  ] as [string, number, [string | null, number][], string, boolean][])("%s", (_name, n, shares, statistic, drifted) => {
    const [r] = driftOfInput(colour, draw(7, n, shares));
    expect(r).toMatchObject({ input: "colour", statistic, drifted, rows: n });
  });

  it("a 3 % flag: its deciles put 0 and 1 in the same bin, so it is judged as two categories", () => {
    if (flag.kind !== "boolean") throw new Error("unreachable");
    expect(flag.counts[flag.counts.length - 1]).toBe(10_000);
    const same = driftOfInput(flag, draw(8, 500, [[0, 0.97], [1, 0.03]]))[0];
    const more = driftOfInput(flag, draw(8, 500, [[0, 0.85], [1, 0.15]]))[0];
    expect(same).toMatchObject({ statistic: "chi_square", drifted: false });
    expect(more).toMatchObject({ statistic: "chi_square", drifted: true });
  });

  it("rejects a value of the wrong kind", () => {
    expect(() => driftOfInput(numeric, [1, "2"])).toThrow(/"x" value 1: expected a number or null, got string/);
    expect(() => driftOfInput(colour, ["red", 3])).toThrow(DriftError);
    expect(() => driftOfInput(flag, [0, 2])).toThrow(/"flag" value 1: expected 0, 1 or null, got 2/);
  });
});

describe("driftOfInput, date", () => {
  it("judges each part as a number", () => {
    // Live requests all between 09:00 and 09:59 UTC, months as in training.
    const live = Array.from({ length: 400 }, (_, i) => Date.UTC(2023, i % 12, 1 + (i % 28), 9, i % 60));
    const r = driftOfInput(when, live);
    expect(r.map((d) => [d.input, d.part, d.statistic, d.drifted])).toEqual([
      ["when", "month", "ks", false],
      ["when", "hour", "ks", true],
    ]);
  });
});

describe("driftOfWindow", () => {
  it("reports the share of judged inputs that drifted", () => {
    const w = driftOfWindow({ rows: 20_000, inputs: [numeric, colour] }, { x: normals(10, 300, 1), colour: draw(11, 300, colourShares) });
    expect(w).toMatchObject({ judged: 2, drifted: 1, driftedShare: 0.5 });
    expect(w.inputs.map((d) => d.drifted)).toEqual([true, false]);
  });

  it("has no share when nothing was judged", () => {
    expect(driftOfWindow({ rows: 1, inputs: [numeric] }, { x: [1, 2, 3] })).toMatchObject({ judged: 0, drifted: 0, driftedShare: null });
  });

  it("refuses a window without one of the inputs", () => {
    expect(() => driftOfWindow({ rows: 1, inputs: [numeric, colour] }, { x: [1] })).toThrow(/no values for input "colour"/);
  });
});
