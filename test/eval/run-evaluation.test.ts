import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { tableFromJSON, tableToIPC, type Table } from "apache-arrow";
import { queryRows } from "@/lib/data/db";
import { defaultSpecFor } from "@/lib/features/default-spec";
import { EVAL_COLUMNS, heldOutTable, rowOutcomes } from "@/lib/eval/held-out-table";
import { evaluate } from "@/lib/eval/report";
import { scoreRunSplit, type RunForScoring, type ScoredSplit } from "@/lib/eval/score-run";
import { evaluateSlices } from "@/lib/eval/slice-evaluation";
import { sliceMembers } from "@/lib/eval/slice-members";
import { heldOutFairness, heldOutLabelIssues } from "@/lib/eval/held-out-reads";
import { parseModelSpec } from "@/lib/train/model-spec";
import { rawTable, rawTarget } from "@/lib/train/raw-from-arrow";
import { runJob } from "@/lib/train/run-job";
import { openNodeDuckDb } from "../duckdb-node";
import { FEATURES, PENGUINS } from "../serve/exported-model";

/**
 * A run trained by the real training job on penguins (Gorman et al. 2014,
 * via vega-datasets), evaluated again from its stored weights; the
 * references are independent: SQL counts over the held-out table, the
 * training job's own test score, and the two-proportion z and BH formulas
 * written out by hand below (Agresti, Categorical Data Analysis §2.2;
 * Benjamini & Hochberg 1995).
 */

let db: Awaited<ReturnType<typeof openNodeDuckDb>>;
let arrow: Table;
let run: RunForScoring;
let testAccuracy: number;
let scored: ScoredSplit;

beforeAll(async () => {
  await tf.setBackend("cpu");
  db = await openNodeDuckDb();
  arrow = tableFromJSON(PENGUINS);
  const table = rawTable(arrow, FEATURES);
  const modelSpec = parseModelSpec({ kind: "linear", optimizer: { kind: "adam", learningRate: 0.05 }, epochs: 15, seed: 3 });
  const split = { kind: "random" as const, seed: 1 };
  const r = await runJob(tf, { table, target: rawTarget(arrow, "Species", "multiclass"), task: "multiclass", featureSpec: defaultSpecFor(table.columns), modelSpec, split });
  testAccuracy = r.scores.test.model.metric;
  run = {
    id: "00000000-0000-4000-8000-000000000001",
    name: "penguins",
    status: "finished",
    config: { task: "multiclass", target: "Species", features: FEATURES, featureSpec: { defaults: true }, modelSpec, split },
    weights: { ...r.weights, targetScale: null },
    fittedFeatures: r.fitted as unknown as Record<string, unknown>,
    metrics: { scores: r.scores, classes: r.classes },
  };
  scored = await scoreRunSplit(tf, run, arrow, "test");
  await db.insertArrowStream(tableToIPC(heldOutTable(arrow, scored, rowOutcomes(scored)), "stream"), "held_out");
}, 60_000);

afterAll(() => db?.close());

describe("a run evaluated again from its stored weights", () => {
  it("scores exactly the training job's test rows, with its test accuracy", async () => {
    const report = evaluate("multiclass", scored.y, scored.predictions, { baseline: scored.baseline, resamples: 200 });
    expect(report.rows).toBe(scored.rows.length);
    expect(report.accuracy.value).toBeCloseTo(testAccuracy, 10);
    // Independent: SQL over the held-out table counts label = prediction.
    const [c] = await queryRows(db, `SELECT count(*) AS n, count(*) FILTER (WHERE _label = _prediction) AS hits, count(*) FILTER (WHERE _correct) AS marked FROM held_out`);
    expect(c.n).toBe(scored.rows.length);
    expect(c.hits).toBe(c.marked);
    expect(Number(c.hits) / Number(c.n)).toBeCloseTo(report.accuracy.value!, 12);
    // The baseline is the training split's majority class (Adelie is the most common penguin).
    expect(report.baseline.source).toBe("training");
  });

  it("keeps every source column and adds the model's columns, probabilities summing to 1", async () => {
    const cols = (await queryRows(db, "DESCRIBE held_out")).map((r) => r.column_name);
    expect(cols).toEqual(expect.arrayContaining(["Species", "Island", "Sex", "Body Mass (g)", EVAL_COLUMNS.row, EVAL_COLUMNS.loss, "_p_Adelie", "_p_Gentoo", "_p_Chinstrap"]));
    const [s] = await queryRows(db, `SELECT max(abs(_p_Adelie + _p_Chinstrap + _p_Gentoo - 1)) AS off, min(_loss) AS lo FROM held_out`);
    expect(Number(s.off)).toBeLessThan(1e-5);
    expect(Number(s.lo)).toBeGreaterThanOrEqual(0);
    // _row is the source row: its species there is the label here.
    const rows = await queryRows(db, `SELECT _row, Species FROM held_out ORDER BY _row LIMIT 5`);
    for (const r of rows) expect(PENGUINS[Number(r._row)].Species).toBe(r.Species);
  });

  it("selects slices with the compiled SQL, tests each against the rest and adjusts with BH", async () => {
    const defs = [
      { name: "Biscoe", definition: "Island = 'Biscoe'" },
      { name: "long beaks", definition: "q(\"Beak Length (mm)\", 4) = 4" },
      { name: "Dream females", definition: "Island = 'Dream' AND Sex = 'FEMALE'" },
      { name: "broken", definition: "Colour = 'blue'" },
    ];
    const members = await sliceMembers(db, "held_out", defs);
    const [biscoe] = await queryRows(db, `SELECT count(*) AS n FROM held_out WHERE Island = 'Biscoe'`);
    expect((members[0] as Int32Array).length).toBe(Number(biscoe.n));
    const [quarter] = await queryRows(db, `SELECT count(*) AS n FROM held_out WHERE "Beak Length (mm)" >= (SELECT quantile_cont("Beak Length (mm)", 0.75) FROM held_out)`);
    expect((members[1] as Int32Array).length).toBe(Number(quarter.n));
    expect(members[3]).toEqual({ error: expect.stringMatching(/slice "broken":.*Colour/) });

    const position = new Map(Array.from(scored.rows, (r, i) => [r, i]));
    const slices = defs.map((d, i) => ({ ...d, pinned: i === 0, threshold: null, members: members[i] instanceof Int32Array ? Int32Array.from(members[i] as Int32Array, (r) => position.get(r)!) : (members[i] as { error: string }) }));
    const out = evaluateSlices(scored, rowOutcomes(scored), slices, { minSupport: 20, baseline: scored.baseline, resamples: 200, seed: 1 });
    expect(out[3]).toMatchObject({ name: "broken", rows: 0, error: expect.stringMatching(/Colour/) });

    // Hand-written two-proportion z test from SQL counts, for each real slice.
    const ps: number[] = [];
    for (const [i, d] of defs.slice(0, 3).entries()) {
      const ids = Array.from(members[i] as Int32Array).join(",") || "-1";
      const [k] = await queryRows(db, `SELECT count(*) FILTER (WHERE _row IN (${ids})) AS n1, count(*) FILTER (WHERE _row IN (${ids}) AND _correct) AS x1,
        count(*) FILTER (WHERE _row NOT IN (${ids})) AS n2, count(*) FILTER (WHERE _row NOT IN (${ids}) AND _correct) AS x2 FROM held_out`);
      const [n1, x1, n2, x2] = [k.n1, k.x1, k.n2, k.x2].map(Number);
      expect(out[i].rows).toBe(n1);
      expect(out[i].lowSupport).toBe(n1 < 20);
      expect(out[i].metrics.accuracy?.value).toBeCloseTo(x1 / n1, 12);
      const pooled = (x1 + x2) / (n1 + n2);
      const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
      const z = se === 0 ? 0 : (x1 / n1 - x2 / n2) / se;
      expect(out[i].test?.statistic).toBeCloseTo(z, 9);
      expect(out[i].test?.rest).toBeCloseTo(x2 / n2, 12);
      ps.push(out[i].test!.p!);
      expect(out[i].name).toBe(d.name);
    }
    // BH by hand: sort ascending, q_(i) = min over j ≥ i of p_(j)·m/j, capped at 1.
    const m = ps.length;
    const order = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
    const q = new Array<number>(m);
    let running = 1;
    for (let j = m - 1; j >= 0; j--) {
      running = Math.min(running, (order[j].p * m) / (j + 1));
      q[order[j].i] = running;
    }
    for (let i = 0; i < m; i++) expect(out[i].test?.q).toBeCloseTo(q[i], 12);
  });

  it("finds label issues among held-out rows and maps them back to their query rows", async () => {
    const found = await heldOutLabelIssues(db, "held_out", scored.classes!);
    const labels = await queryRows(db, "SELECT _row, _label FROM held_out");
    const labelOf = new Map(labels.map((r) => [Number(r._row), String(r._label)]));
    for (const issue of found.issues) {
      const row = found.rowIds[issue.row];
      expect(scored.classes![issue.givenLabel]).toBe(labelOf.get(row));
      expect(issue.suggestedLabel).not.toBe(issue.givenLabel);
    }
    expect(found.rowIds.length).toBe(scored.rows.length);
  });

  it("reports per-island rates for one species as the positive class, equal to SQL counts", async () => {
    const report = await heldOutFairness(db, "held_out", "Island", "Adelie", { resamples: 200, seed: 1 });
    const sql = await queryRows(db, `SELECT Island AS g, count(*) AS n, count(*) FILTER (WHERE _prediction = 'Adelie') AS selected,
      count(*) FILTER (WHERE _label = 'Adelie') AS positives, count(*) FILTER (WHERE _label = 'Adelie' AND _prediction = 'Adelie') AS tp FROM held_out GROUP BY Island`);
    expect(report.groups).toHaveLength(sql.length);
    for (const r of sql) {
      const g = report.groups.find((x) => x.group === r.g)!;
      expect(g.rows).toBe(Number(r.n));
      expect(g.selectionRate.estimate).toBeCloseTo(Number(r.selected) / Number(r.n), 12);
      if (Number(r.positives) > 0) expect(g.truePositiveRate.estimate).toBeCloseTo(Number(r.tp) / Number(r.positives), 12);
    }
    const rates = report.groups.map((x) => x.selectionRate.estimate);
    expect(report.demographicParityDifference.value).toBeCloseTo(Math.max(...rates) - Math.min(...rates), 12);
  });

  it("refuses a run that did not finish, in words", async () => {
    await expect(scoreRunSplit(tf, { ...run, status: "failed" }, arrow)).rejects.toThrow(/only a finished run has a model to evaluate/);
  });
});
