import { readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { beforeAll, describe, expect, it } from "vitest";
import { fitBaseline, scoreBaseline } from "@/lib/train/baseline";
import { predict, trainModel, type Shuffler, type TrainInput } from "@/lib/train/loop";
import { scoreOutputs } from "@/lib/train/metrics";
import { parseModelSpec, type ModelSpecInput } from "@/lib/train/model-spec";
import { disposeParams, snapshotParams } from "@/lib/train/params";
import { rowWeights } from "@/lib/train/row-weights";
import { TrainError } from "@/lib/train/train-error";

/** mulberry32 (Tommy Ettinger's public-domain generator): enough for the test's own shuffles. */
function shuffler(seed: number): Shuffler {
  let a = seed >>> 0;
  const float = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    float,
    shuffle(x: Int32Array) {
      for (let i = x.length - 1; i > 0; i--) {
        const j = Math.floor(float() * (i + 1));
        [x[i], x[j]] = [x[j], x[i]];
      }
      return x;
    },
  };
}

// Penguins (Gorman, Williams & Fraser 2014, via vega-datasets): the four
// measurements, standardised with training statistics computed here.
type Penguin = Record<string, string | number | null>;
const FEATURES = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"];
const rows = (JSON.parse(readFileSync(path.join(process.cwd(), "node_modules/vega-datasets/data/penguins.json"), "utf8")) as Penguin[]).filter(
  (r) => (r.Sex === "MALE" || r.Sex === "FEMALE") && FEATURES.every((f) => typeof r[f] === "number"),
);
// Every fifth row is held out: a fixed split the reference uses too.
const trainRows = rows.filter((_, i) => i % 5 !== 0);
const testRows = rows.filter((_, i) => i % 5 === 0);

function standardise(features: string[]) {
  const stats = features.map((f) => {
    const v = trainRows.map((r) => r[f] as number);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    return { mean, sd };
  });
  const x = (rs: Penguin[]) => rs.map((r) => features.map((f, j) => ((r[f] as number) - stats[j].mean) / stats[j].sd));
  return { xTrain: x(trainRows), xTest: x(testRows) };
}

/**
 * Reference: unregularised binary logistic regression by Newton–Raphson
 * (IRLS), in float64, iterated to convergence — the maximum-likelihood fit
 * any correct optimiser should approach (Hastie, Tibshirani & Friedman,
 * Elements of Statistical Learning, §4.4.1).
 */
function irls(x: number[][], y: number[], iterations = 50): number[] {
  const d = x[0].length + 1;
  let beta = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    x.forEach((xi, i) => {
      const row = [1, ...xi];
      const p = 1 / (1 + Math.exp(-row.reduce((s, v, j) => s + v * beta[j], 0)));
      for (let a = 0; a < d; a++) {
        g[a] += (y[i] - p) * row[a];
        for (let b = 0; b < d; b++) h[a][b] += p * (1 - p) * row[a] * row[b];
      }
    });
    beta = beta.map((b, a) => b + solve(h, g)[a]);
  }
  return beta;
}

/** Gaussian elimination with partial pivoting: h · s = g. */
function solve(h: number[][], g: number[]): number[] {
  const n = g.length;
  const m = h.map((r, i) => [...r, g[i]]);
  for (let c = 0; c < n; c++) {
    const p = m.reduce((best, r, i) => (i >= c && Math.abs(r[c]) > Math.abs(m[best][c]) ? i : best), c);
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const s = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) s[r] = (m[r][n] - m[r].slice(r + 1, n).reduce((a, v, k) => a + v * s[r + 1 + k], 0)) / m[r][r];
  return s;
}

function input(task: TrainInput["task"], xTrain: number[][], yTrain: number[], xVal: number[][], yVal: number[], classCount: number): TrainInput {
  const y = Float32Array.from(yTrain);
  return {
    task,
    classCount,
    train: { x: tf.tensor2d(xTrain), y, w: rowWeights(task, y, classCount, false) },
    validation: { x: tf.tensor2d(xVal), y: Float32Array.from(yVal) },
  };
}

const spec = (s: Partial<ModelSpecInput> = {}) =>
  parseModelSpec({ kind: "linear", optimizer: { kind: "adam", learningRate: 0.05 }, batchSize: 32, epochs: 150, earlyStopping: null, ...s });

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("training loop on the CPU backend", () => {
  const { xTrain, xTest } = standardise(FEATURES);
  const sexTrain = trainRows.map((r) => (r.Sex === "MALE" ? 1 : 0));
  const sexTest = testRows.map((r) => (r.Sex === "MALE" ? 1 : 0));

  it("logistic regression on penguins sex reaches the IRLS reference's test accuracy within 1 point", async () => {
    const beta = irls(xTrain, sexTrain);
    const refAcc = xTest.filter((xi, i) => (beta[0] + xi.reduce((s, v, j) => s + v * beta[j + 1], 0) > 0 ? 1 : 0) === sexTest[i]).length / xTest.length;
    const run = await trainModel(tf, spec(), input("binary", xTrain, sexTrain, xTest, sexTest, 2), shuffler(7));
    const out = await predict(tf, spec(), run.params, tf.tensor2d(xTest));
    const acc = scoreOutputs("binary", out, Float32Array.from(sexTest), 1).metric;
    expect(refAcc).toBeGreaterThan(0.85);
    expect(Math.abs(acc - refAcc)).toBeLessThanOrEqual(0.01);
    disposeParams(run.params);
  });

  it("linear regression of body mass reaches the least-squares RMSE within 1%", async () => {
    const feats = FEATURES.slice(0, 3);
    const { xTrain: xt, xTest: xv } = standardise(feats);
    const mass = (rs: Penguin[]) => rs.map((r) => ((r["Body Mass (g)"] as number) - 4200) / 800);
    const yt = mass(trainRows);
    const yv = mass(testRows);
    // Normal equations (XᵀX) β = Xᵀy with an intercept column.
    const X = xt.map((r) => [1, ...r]);
    const xtx = X[0].map((_, a) => X[0].map((__, b) => X.reduce((s, r) => s + r[a] * r[b], 0)));
    const xty = X[0].map((_, a) => X.reduce((s, r, i) => s + r[a] * yt[i], 0));
    const beta = solve(xtx, xty);
    const refRmse = Math.sqrt(yv.reduce((s, y, i) => s + (beta[0] + xv[i].reduce((t, v, j) => t + v * beta[j + 1], 0) - y) ** 2, 0) / yv.length);
    const s = spec({ epochs: 200 });
    const run = await trainModel(tf, s, input("regression", xt, yt, xv, yv, 1), shuffler(3));
    const rmse = scoreOutputs("regression", await predict(tf, s, run.params, tf.tensor2d(xv)), Float32Array.from(yv), 1).metric;
    expect(Math.abs(rmse - refRmse) / refRmse).toBeLessThan(0.01);
    disposeParams(run.params);
  });

  it("repeats a run exactly with the same seed, and differs with another", async () => {
    const s = spec({ kind: "mlp", hidden: [8], dropout: 0.2, epochs: 5 });
    const once = async (seed: number) => {
      const run = await trainModel(tf, { ...s, seed }, input("binary", xTrain, sexTrain, xTest, sexTest, 2), shuffler(seed));
      const snap = await snapshotParams(run.params);
      disposeParams(run.params);
      return { curves: run.curves.map((c) => [c.train.loss, c.validation.loss, c.validation.metric]), snap };
    };
    const a = await once(11);
    const b = await once(11);
    const c = await once(12);
    expect(b).toEqual(a);
    expect(c.curves).not.toEqual(a.curves);
  });

  it("stops within one batch when cancelled, and on a non-finite loss with a clear message", async () => {
    let batches = 0;
    const cancelled = trainModel(tf, spec({ batchSize: 8 }), input("binary", xTrain, sexTrain, xTest, sexTest, 2), shuffler(1), {
      cancelled: () => ++batches > 3,
    });
    await expect(cancelled).rejects.toMatchObject({ code: "cancelled" });
    expect(batches).toBe(4);

    const huge = xTrain.map((r) => r.map((v) => v * 1e20));
    const diverging = trainModel(
      tf,
      spec({ optimizer: { kind: "sgd", learningRate: 10, momentum: 0.9 } }),
      input("regression", huge, sexTrain.map((v) => v * 1e20), xTest, sexTest, 1),
      shuffler(1),
    );
    await expect(diverging).rejects.toBeInstanceOf(TrainError);
    await expect(diverging).rejects.toMatchObject({ code: "non_finite_loss", message: expect.stringMatching(/^loss became (NaN|Infinity) in epoch 1; lower the learning rate/) });
  });

  it("early stopping keeps the best epoch's weights", async () => {
    const s = spec({ kind: "mlp", hidden: [64, 64], epochs: 300, earlyStopping: { patience: 3, minDelta: 0 }, optimizer: { kind: "adam", learningRate: 0.05 } });
    const run = await trainModel(tf, s, input("binary", xTrain, sexTrain, xTest, sexTest, 2), shuffler(5));
    expect(run.stoppedEarly).toBe(true);
    const best = run.curves[run.bestEpoch - 1].validation.loss;
    expect(Math.min(...run.curves.map((c) => c.validation.loss))).toBe(best);
    const now = scoreOutputs("binary", await predict(tf, s, run.params, tf.tensor2d(xTest)), Float32Array.from(sexTest), 1).loss;
    expect(now).toBeCloseTo(best, 5);
    disposeParams(run.params);
  });
});

describe("baseline", () => {
  it("predicts the training majority and the training mean, scored like the model", () => {
    // Hand-worked: classes [0, 1, 1, 2] → majority 1 with priors [¼, ½, ¼]; on y = [1, 2]: accuracy ½,
    // loss −(ln ½ + ln ¼)/2 = (ln 2 + ln 4)/2 = 1.5·ln 2.
    const b = fitBaseline("multiclass", Float32Array.from([0, 1, 1, 2]), 3);
    expect(b).toEqual({ kind: "majority", value: 1, priors: [0.25, 0.5, 0.25] });
    const s = scoreBaseline("multiclass", b, Float32Array.from([1, 2]));
    expect(s.metric).toBe(0.5);
    expect(s.loss).toBeCloseTo(1.5 * Math.LN2, 12);
    // Mean of [1, 2, 6] is 3; on y = [3, 7]: RMSE √((0 + 16) / 2) = √8.
    const m = fitBaseline("regression", Float32Array.from([1, 2, 6]), 1);
    expect(m.value).toBe(3);
    expect(scoreBaseline("regression", m, Float32Array.from([3, 7])).metric).toBeCloseTo(Math.sqrt(8), 12);
  });

  it("balanced class weights follow n / (k · n_c), normalised to mean 1", () => {
    // Classes [0, 0, 0, 1]: raw weights 4/(2·3) = ⅔ and 4/(2·1) = 2; mean is 1 already.
    const w = rowWeights("binary", Float32Array.from([0, 0, 0, 1]), 2, true);
    expect(Array.from(w).map((v) => Number(v.toFixed(6)))).toEqual([0.666667, 0.666667, 0.666667, 2]);
  });
});
