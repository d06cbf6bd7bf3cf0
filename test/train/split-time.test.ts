import { describe, expect, it } from "vitest";
import type { RawColumn, RawTable, RawTarget } from "@/lib/features/raw";
import { Random } from "@/lib/train/random";
import { SplitError, splitRows, type SplitResult } from "@/lib/train/split";

const DAY = 86_400_000;

function setup(times: number[], kind: "date" | "numeric" = "date"): { table: RawTable; target: RawTarget } {
  const when: RawColumn = { kind, name: "when", values: Float64Array.from(times) };
  const target: RawTarget = { kind: "classes", name: "y", classes: ["a", "b"], codes: Int32Array.from(times, (_, i) => i % 2) };
  return { table: { rowCount: times.length, columns: [when] }, target };
}

function range(part: Int32Array, times: number[]): [number, number] {
  const t = Array.from(part, (i) => times[i]);
  return [Math.min(...t), Math.max(...t)];
}

/** Every train time < every validation time < every test time: order kept, no time in two splits. */
function expectOrdered(r: SplitResult, times: number[]): void {
  const [tr, va, te] = [r.train, r.validation, r.test].map((p) => range(p, times));
  expect(tr[1]).toBeLessThan(va[0]);
  expect(va[1]).toBeLessThan(te[0]);
}

describe("time split", () => {
  it("trains on the past and tests on the future, rows given in any order", () => {
    const rng = new Random(1);
    const times = Array.from(rng.shuffle(Int32Array.from({ length: 100 }, (_, i) => i)), (d) => Date.UTC(2024, 0, 1) + d * DAY);
    const { table, target } = setup(times);
    const r = splitRows({ kind: "time", seed: 0, timeColumn: "when" }, table, target);
    expectOrdered(r, times);
    expect([r.train.length, r.validation.length, r.test.length]).toEqual([70, 15, 15]);
    expect(r.note).toBe(
      'time split on "when": train before 2024-03-11T00:00:00.000Z, validation from 2024-03-11T00:00:00.000Z, test from 2024-03-26T00:00:00.000Z',
    );
  });

  it("never lets a time straddle a cut, over 300 random tie patterns", () => {
    const rng = new Random(77);
    let made = 0;
    for (let c = 0; c < 300; c++) {
      const n = 10 + rng.int(90);
      const distinct = 3 + rng.int(n);
      const times = Array.from({ length: n }, () => rng.int(distinct));
      const { table, target } = setup(times, "numeric");
      try {
        const r = splitRows({ kind: "time", seed: c, timeColumn: "when" }, table, target);
        expectOrdered(r, times);
        expect(r.train.length + r.validation.length + r.test.length).toBe(n);
        made++;
      } catch (e) {
        expect((e as SplitError).code).toBe("too_few_times");
      }
    }
    // Refusals are for pathological tie patterns only.
    expect(made).toBeGreaterThan(280);
  });

  it("sends rows tied at a cut to the later split", () => {
    // 20 rows at times 0..12, then 13 ×3, then 14..17; the 70% cut (after 14 rows) falls inside the 13s.
    const times = [...Array.from({ length: 13 }, (_, i) => i), 13, 13, 13, 14, 15, 16, 17];
    const { table, target } = setup(times, "numeric");
    const r = splitRows({ kind: "time", seed: 0, timeColumn: "when" }, table, target);
    expect(Array.from(r.train)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(Array.from(r.validation).slice(0, 3)).toEqual([13, 14, 15]);
  });

  it("sends ties to the earlier split when the later choice would empty it", () => {
    // 15 rows at time 0 and 5 later ones: the cut moves to the end of the run.
    const times = [...new Array(15).fill(0), 1, 2, 3, 4, 5];
    const { table, target } = setup(times, "numeric");
    const r = splitRows({ kind: "time", seed: 0, timeColumn: "when" }, table, target);
    expect(Array.from(r.train)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expectOrdered(r, times);
  });

  it("does not depend on the seed", () => {
    const times = Array.from({ length: 40 }, (_, i) => (i * 13) % 40);
    const { table, target } = setup(times, "numeric");
    const a = splitRows({ kind: "time", seed: 1, timeColumn: "when" }, table, target);
    const b = splitRows({ kind: "time", seed: 2, timeColumn: "when" }, table, target);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
  });

  it("refuses missing times among rows with a target, naming how many", () => {
    const times = Array.from({ length: 20 }, (_, i) => (i === 3 || i === 9 ? NaN : i));
    const { table, target } = setup(times, "numeric");
    expect(() => splitRows({ kind: "time", seed: 0, timeColumn: "when" }, table, target)).toThrow(
      new SplitError("missing_times", 'time column "when" is missing for 2 rows with a target: fill or filter them before a time split'),
    );
  });

  it("ignores missing times on rows that have no target", () => {
    const times = Array.from({ length: 20 }, (_, i) => (i === 3 ? NaN : i));
    const { table } = setup(times, "numeric");
    const target: RawTarget = { kind: "values", name: "v", values: Float64Array.from(times, (_, i) => (i === 3 ? NaN : i)) };
    const r = splitRows({ kind: "time", seed: 0, timeColumn: "when" }, table, target);
    expect(r.droppedRows).toBe(1);
    expectOrdered(r, times);
  });

  it("refuses when there are too few distinct times", () => {
    const { table, target } = setup([...new Array(10).fill(1), ...new Array(10).fill(2)], "numeric");
    expect(() => splitRows({ kind: "time", seed: 0, timeColumn: "when" }, table, target)).toThrow(/too few distinct times for the split: "when" has 2 distinct values among 20 rows/);
  });
});
