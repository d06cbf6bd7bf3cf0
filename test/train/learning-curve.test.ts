import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { tableFromJSON } from "apache-arrow";
import { defaultSpecFor } from "@/lib/features/default-spec";
import { learningCurve } from "@/lib/train/learning-curve";
import { parseModelSpec } from "@/lib/train/model-spec";
import { rawTable, rawTarget } from "@/lib/train/raw-from-arrow";
import { runJob } from "@/lib/train/run-job";
import { splitRows } from "@/lib/train/split";
import { subsampleRows } from "@/lib/train/subsample";
import { FEATURES, PENGUINS } from "../serve/exported-model";

describe("training subsets for learning curves", () => {
  it("keeps ⌈fraction·n⌉ rows in order, and a larger share with the same seed contains a smaller one", () => {
    const rows = Int32Array.from({ length: 101 }, (_, i) => i * 3);
    const quarter = subsampleRows(rows, 0.25, 7);
    const half = subsampleRows(rows, 0.5, 7);
    expect(quarter.length).toBe(26);
    expect(half.length).toBe(51);
    expect([...quarter]).toEqual([...quarter].sort((a, b) => a - b));
    const inHalf = new Set(half);
    expect([...quarter].every((r) => inHalf.has(r))).toBe(true);
    expect(subsampleRows(rows, 1, 7)).toBe(rows);
    expect(() => subsampleRows(rows, 0, 7)).toThrow(/training share must be in \(0, 1\]/);
  });
});

describe("a learning curve on penguins (Gorman et al. 2014, via vega-datasets)", () => {
  it("trains each share twice, and its 100 % point is the plain run with the same seed", async () => {
    await tf.setBackend("cpu");
    const arrow = tableFromJSON(PENGUINS);
    const table = rawTable(arrow, FEATURES);
    const target = rawTarget(arrow, "Species", "multiclass");
    const modelSpec = parseModelSpec({ kind: "linear", optimizer: { kind: "adam", learningRate: 0.05 }, epochs: 8, seed: 5 });
    const split = { kind: "random" as const, seed: 1 };
    const job = { table, target, task: "multiclass" as const, featureSpec: defaultSpecFor(table.columns), modelSpec, split };
    const seen: number[] = [];
    const all = Int32Array.from({ length: PENGUINS.length }, (_, i) => i);
    const biscoe = Int32Array.from(all.filter((i) => PENGUINS[i].Island === "Biscoe"));
    const sliceRows = [{ name: "all", rows: all }, { name: "Biscoe", rows: biscoe }, { name: "none", rows: new Int32Array(0) }];
    const curve = await learningCurve(tf, { ...job, sliceRows }, [1, 0.25], 2, { onPoint: (_, done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(curve.fractions).toEqual([0.25, 1]);
    const trainRows = splitRows(split, table, target).train.length;
    expect(curve.summary.map((s) => s.trainRows)).toEqual([Math.ceil(0.25 * trainRows), trainRows]);
    const plain = await runJob(tf, job);
    const full = curve.points.find((p) => p.fraction === 1 && p.repeat === 0)!;
    expect(full.validation).toBeCloseTo(plain.scores.validation.model.metric, 12);
    // Per-slice test scores: every row is the whole test split; no row is null.
    expect(full.slices!.all).toBeCloseTo(plain.scores.test.model.metric, 12);
    expect(full.slices!.none).toBeNull();
    const testRows = splitRows(split, table, target).test;
    const inBiscoe = testRows.filter((r) => PENGUINS[r].Island === "Biscoe").length;
    const withSlices = await runJob(tf, { ...job, sliceRows });
    expect(withSlices.sliceScores!.find((x) => x.name === "Biscoe")!.rows).toBe(inBiscoe);
    expect(curve.summary[1].slices!.Biscoe.mean).toBeCloseTo((curve.points.filter((p) => p.fraction === 1).reduce((a, p) => a + p.slices!.Biscoe!, 0)) / 2, 12);
    // Mean and sample standard deviation by hand.
    for (const s of curve.summary) {
      const [a, b] = curve.points.filter((p) => p.fraction === s.fraction).map((p) => p.validation!);
      expect(s.validation.mean).toBeCloseTo((a + b) / 2, 12);
      expect(s.validation.sd).toBeCloseTo(Math.abs(a - b) / Math.SQRT2, 12);
    }
  }, 60_000);
});
