import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNodeDuckDb, sampleBytes } from "@/test/duckdb-node";
import type { Db } from "./db";
import { decodeToArrowStream } from "./decode";
import { BINS, QUANTILES, profileTable, type TableProfile } from "./profile";

/*
 * Reference values are computed here in plain JavaScript from the parsed JSON,
 * independently of DuckDB: mean, sample standard deviation (n − 1), quantiles by
 * linear interpolation between order statistics (Hyndman & Fan 1996, type 7,
 * the definition of DuckDB's quantile_cont), equal-width histogram bins.
 */
const records = JSON.parse(new TextDecoder().decode(sampleBytes("penguins.json"))) as Record<string, unknown>[];

function numbers(col: string): number[] {
  return records.map((r) => r[col]).filter((v): v is number => typeof v === "number");
}
function type7(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

let db: Db & { close(): void };
let profile: TableProfile;
beforeAll(async () => {
  db = await openNodeDuckDb();
  await db.insertArrowStream(decodeToArrowStream("json", "penguins.json", sampleBytes("penguins.json")), "penguins");
  profile = await profileTable(db, "penguins");
});
afterAll(() => db.close());

describe("profileTable on the penguins sample", () => {
  it("counts rows and columns", () => {
    expect(profile.rows).toBe(records.length);
    expect(profile.columns.map((c) => c.name)).toEqual(Object.keys(records[0]));
  });

  it.each(["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"])("numeric statistics of %s", (col) => {
    const xs = numbers(col);
    const sorted = [...xs].sort((a, b) => a - b);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    const p = profile.columns.find((c) => c.name === col)!;
    expect(p.numeric).toBe(true);
    expect(p.count).toBe(xs.length);
    expect(p.nulls).toBe(records.length - xs.length);
    expect(p.nullShare).toBeCloseTo((records.length - xs.length) / records.length, 12);
    expect(p.distinct).toBe(new Set(xs).size);
    expect(p.min).toBe(sorted[0]);
    expect(p.max).toBe(sorted[sorted.length - 1]);
    expect(p.mean).toBeCloseTo(mean, 9);
    expect(p.std).toBeCloseTo(std, 9);
    QUANTILES.forEach((q, i) => expect(p.quantiles![i]).toBeCloseTo(type7(sorted, q), 9));
    const width = (sorted[sorted.length - 1] - sorted[0]) / BINS;
    const bins = new Array(BINS).fill(0);
    for (const x of xs) bins[Math.min(Math.floor((x - sorted[0]) / width), BINS - 1)]++;
    expect(p.histogram).toEqual(bins);
  });

  it("top values and distinct count of a text column", () => {
    const counts = new Map<string | null, number>();
    for (const r of records) counts.set((r.Species as string) ?? null, (counts.get((r.Species as string) ?? null) ?? 0) + 1);
    const expected = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
    const p = profile.columns.find((c) => c.name === "Species")!;
    expect(p.numeric).toBe(false);
    expect(p.top).toEqual(expected);
    expect(p.distinct).toBe(counts.size);
    expect(p.histogram).toBeNull();
    expect(p.quantiles).toBeNull();
  });

  it("counts nulls of a text column with missing values", () => {
    const nulls = records.filter((r) => r.Sex === null || r.Sex === undefined).length;
    const p = profile.columns.find((c) => c.name === "Sex")!;
    expect(nulls).toBeGreaterThan(0);
    expect(p.nulls).toBe(nulls);
  });
});
