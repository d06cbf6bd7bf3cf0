import { describe, expect, it } from "vitest";
import { parseModelSpec } from "@/lib/train/model-spec";
import {
  describeTrial,
  expandSweep,
  MAX_TRIALS,
  parseSweepText,
  parseSweepValues,
  SweepError,
  type SweepSpec,
} from "@/lib/train/sweep";

const mlp = parseModelSpec({ kind: "mlp", hidden: [16], optimizer: { kind: "adam", learningRate: 0.003 }, seed: 7 });
const linear = parseModelSpec({ kind: "linear", optimizer: { kind: "adam", learningRate: 0.003 }, seed: 7 });

function thrown(f: () => unknown): SweepError {
  try {
    f();
  } catch (e) {
    if (e instanceof SweepError) return e;
    throw e;
  }
  throw new Error("expected a SweepError");
}

describe("grid sweeps", () => {
  // Order reference: Python's itertools.product — "the rightmost element
  // advancing on every iteration" — with params in listed order. Expected
  // trials listed by hand.
  it("is the Cartesian product, last parameter varying fastest", () => {
    const trials = expandSweep(mlp, {
      kind: "grid",
      seed: 0,
      params: [
        { name: "learningRate", values: [0.001, 0.01] },
        { name: "hidden", values: [[32], [64, 64], [128]] },
      ],
    });
    expect(trials.map((t) => t.overrides)).toEqual([
      { learningRate: 0.001, hidden: [32] },
      { learningRate: 0.001, hidden: [64, 64] },
      { learningRate: 0.001, hidden: [128] },
      { learningRate: 0.01, hidden: [32] },
      { learningRate: 0.01, hidden: [64, 64] },
      { learningRate: 0.01, hidden: [128] },
    ]);
    expect(trials.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(trials[4].modelSpec).toEqual({ ...mlp, hidden: [64, 64], optimizer: { kind: "adam", learningRate: 0.01 } });
    // Trials differ only in the swept parameters: the base seed is kept.
    expect(trials.every((t) => t.modelSpec.seed === 7)).toBe(true);
  });

  it("keys of each trial's overrides follow the listed parameter order", () => {
    const [t] = expandSweep(mlp, {
      kind: "grid",
      seed: 0,
      params: [
        { name: "epochs", values: [5] },
        { name: "batchSize", values: [32] },
      ],
    });
    expect(Object.keys(t.overrides)).toEqual(["epochs", "batchSize"]);
  });

  it("accepts exactly the cap (5 × 10 = 50) and refuses 4 × 4 × 4 = 64 with the count and the cap", () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(expandSweep(mlp, { kind: "grid", seed: 0, params: [{ name: "epochs", values: [1, 2, 3, 4, 5] }, { name: "batchSize", values: ten }] })).toHaveLength(MAX_TRIALS);

    const e = thrown(() =>
      expandSweep(mlp, {
        kind: "grid",
        seed: 0,
        params: [
          { name: "epochs", values: [1, 2, 3, 4] },
          { name: "batchSize", values: [8, 16, 32, 64] },
          { name: "dropout", values: [0, 0.1, 0.2, 0.3] },
        ],
      }),
    );
    expect(e.code).toBe("too_many_trials");
    expect(e.message).toBe("grid too large: 4 × 4 × 4 = 64 trials, the cap is 50");
  });

  it.each([
    ["a range on a grid", { kind: "grid", seed: 0, params: [{ name: "learningRate", range: { min: 0.001, max: 0.1, scale: "log" } }] }],
    ["trials on a grid", { kind: "grid", trials: 3, seed: 0, params: [{ name: "epochs", values: [1] }] }],
    ["a parameter swept twice", { kind: "grid", seed: 0, params: [{ name: "epochs", values: [1] }, { name: "epochs", values: [2] }] }],
    ["no parameters", { kind: "grid", seed: 0, params: [] }],
    ["eleven values", { kind: "grid", seed: 0, params: [{ name: "epochs", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }] }],
    ["a learning rate above 10", { kind: "grid", seed: 0, params: [{ name: "learningRate", values: [0.1, 20] }] }],
    ["a fractional batch size", { kind: "grid", seed: 0, params: [{ name: "batchSize", values: [32.5] }] }],
    ["an unknown parameter", { kind: "grid", seed: 0, params: [{ name: "momentum", values: [0.9] }] }],
    ["random without trials", { kind: "random", seed: 0, params: [{ name: "epochs", values: [1] }] }],
    ["51 random trials", { kind: "random", trials: 51, seed: 0, params: [{ name: "epochs", values: [1] }] }],
    ["both values and a range", { kind: "random", trials: 2, seed: 0, params: [{ name: "l2", values: [0], range: { min: 0, max: 1, scale: "linear" } }] }],
    ["a log range from 0", { kind: "random", trials: 2, seed: 0, params: [{ name: "l2", range: { min: 0, max: 1, scale: "log" } }] }],
    ["min above max", { kind: "random", trials: 2, seed: 0, params: [{ name: "l2", range: { min: 2, max: 1, scale: "linear" } }] }],
    ["a range on a list parameter", { kind: "random", trials: 2, seed: 0, params: [{ name: "optimizer", range: { min: 0, max: 1, scale: "linear" } }] }],
  ])("refuses %s", (_, sweep) => {
    expect(thrown(() => expandSweep(mlp, sweep as SweepSpec)).code).toBe("invalid_sweep");
  });
});

describe("random sweeps", () => {
  const sweep = (seed: number, trials = 20): SweepSpec => ({
    kind: "random",
    trials,
    seed,
    params: [
      { name: "learningRate", range: { min: 1e-5, max: 1e-1, scale: "log" } },
      { name: "batchSize", range: { min: 8, max: 1024, scale: "log" } },
      { name: "optimizer", values: ["adam", "sgd"] },
    ],
  });

  it("replays the same trials for a seed and draws different ones for another", () => {
    const a = expandSweep(mlp, sweep(42));
    expect(a).toHaveLength(20);
    expect(expandSweep(mlp, sweep(42))).toEqual(a);
    expect(expandSweep(mlp, sweep(43)).map((t) => t.overrides)).not.toEqual(a.map((t) => t.overrides));
    expect(a.every((t) => t.modelSpec.seed === mlp.seed)).toBe(true);
    expect(new Set(a.map((t) => t.overrides.optimizer))).toEqual(new Set(["adam", "sgd"]));
  });

  // A log-uniform X on [a, b] has log10 X uniform on [log10 a, log10 b]
  // (SciPy's `loguniform`), so its mean is the midpoint, here -3, and its
  // standard deviation (b' - a') / √12 = 4 / √12 ≈ 1.155 decades. Over 1000
  // draws the standard error is 1.155 / √1000 ≈ 0.037; the tolerance 0.15 is
  // about 4 standard errors. A linear draw on the same range would put the
  // mean near log10(0.1) - 1/ln 10 ≈ -1.43, far outside it.
  it("log-range draws stay in [min, max] and average the midpoint in log10 (1000 draws, ±0.15)", () => {
    const lr: number[] = [];
    for (let seed = 0; seed < 1000 / MAX_TRIALS; seed++) {
      for (const t of expandSweep(mlp, sweep(seed, MAX_TRIALS))) lr.push(t.overrides.learningRate ?? NaN);
    }
    expect(lr).toHaveLength(1000);
    expect(lr.every((x) => x >= 1e-5 && x <= 1e-1)).toBe(true);
    const meanLog10 = lr.reduce((s, x) => s + Math.log10(x), 0) / lr.length;
    expect(Math.abs(meanLog10 - -3)).toBeLessThan(0.15);
  });

  it("draws whole numbers within the range for batchSize and epochs", () => {
    const trials = expandSweep(mlp, {
      kind: "random",
      trials: 50,
      seed: 5,
      params: [
        { name: "batchSize", range: { min: 8, max: 1024, scale: "log" } },
        { name: "epochs", range: { min: 5, max: 60, scale: "linear" } },
      ],
    });
    const batch = trials.map((t) => t.modelSpec.batchSize);
    const epochs = trials.map((t) => t.modelSpec.epochs);
    expect(batch.every((b) => Number.isInteger(b) && b >= 8 && b <= 1024)).toBe(true);
    expect(epochs.every((n) => Number.isInteger(n) && n >= 5 && n <= 60)).toBe(true);
    // Drawn, not collapsed to an endpoint.
    expect(new Set(batch).size).toBeGreaterThan(20);
  });
});

describe("optimizer and learning rate", () => {
  it("switching adam → sgd keeps the base learning rate and takes sgd's default momentum", () => {
    const [adam, sgd] = expandSweep(mlp, { kind: "grid", seed: 0, params: [{ name: "optimizer", values: ["adam", "sgd"] }] });
    expect(adam.modelSpec.optimizer).toEqual({ kind: "adam", learningRate: 0.003 });
    expect(sgd.modelSpec.optimizer).toEqual({ kind: "sgd", learningRate: 0.003, momentum: 0.9 });
  });

  it("a swept learning rate applies to whichever optimizer the trial has", () => {
    const trials = expandSweep(mlp, {
      kind: "grid",
      seed: 0,
      params: [
        { name: "optimizer", values: ["adam", "sgd"] },
        { name: "learningRate", values: [0.1] },
      ],
    });
    expect(trials.map((t) => t.modelSpec.optimizer)).toEqual([
      { kind: "adam", learningRate: 0.1 },
      { kind: "sgd", learningRate: 0.1, momentum: 0.9 },
    ]);
  });

  it("an sgd base keeps its momentum when the trial stays sgd, and drops it for adam", () => {
    const base = parseModelSpec({ kind: "mlp", optimizer: { kind: "sgd", learningRate: 0.2, momentum: 0.5 } });
    const [sgd, adam] = expandSweep(base, { kind: "grid", seed: 0, params: [{ name: "optimizer", values: ["sgd", "adam"] }] });
    expect(sgd.modelSpec.optimizer).toEqual({ kind: "sgd", learningRate: 0.2, momentum: 0.5 });
    expect(adam.modelSpec.optimizer).toEqual({ kind: "adam", learningRate: 0.2 });
  });
});

describe("MLP-only parameters", () => {
  it("refuses hidden layers on a linear model", () => {
    const e = thrown(() => expandSweep(linear, { kind: "grid", seed: 0, params: [{ name: "hidden", values: [[32]] }] }));
    expect(e.code).toBe("mlp_only");
    expect(e.message).toBe("hidden layers apply to MLPs only");
  });

  it("refuses dropout on a linear model, where it would change nothing", () => {
    expect(thrown(() => expandSweep(linear, { kind: "grid", seed: 0, params: [{ name: "dropout", values: [0, 0.5] }] })).code).toBe("mlp_only");
  });

  it("sweeps l2 on a linear model", () => {
    const trials = expandSweep(linear, { kind: "grid", seed: 0, params: [{ name: "l2", values: [0, 0.01] }] });
    expect(trials.map((t) => t.modelSpec.l2)).toEqual([0, 0.01]);
  });
});

describe("sweep text", () => {
  it("reads comma lists, and hidden as ';'-separated layer lists", () => {
    expect(parseSweepText({ learningRate: "0.001, 0.01, 0.1", hidden: "32; 64,64", optimizer: "adam, sgd", epochs: "  " })).toEqual([
      { name: "learningRate", values: [0.001, 0.01, 0.1] },
      { name: "hidden", values: [[32], [64, 64]] },
      { name: "optimizer", values: ["adam", "sgd"] },
    ]);
    expect(parseSweepValues("hidden", "64×64; 128").values).toEqual([[64, 64], [128]]);
    expect(parseSweepValues("l2", "1e-4, .5").values).toEqual([1e-4, 0.5]);
  });

  it.each([
    ["batchSize", "32, abc", "abc"],
    ["batchSize", "32, 32.5", "32.5"],
    ["learningRate", "0.01, 0x10", "0x10"],
    ["learningRate", "0, 0.1", '"0"'],
    ["hidden", "32; 64,x", '"x"'],
    ["hidden", "32; 99999", "99999"],
    ["optimizer", "adam, rmsprop", "rmsprop"],
    ["dropout", "0.95", "0.95"],
  ] as const)("%s: %j is refused, naming the parameter and %s", (name, text, token) => {
    const e = thrown(() => parseSweepText({ [name]: text }));
    expect(e.code).toBe("bad_text");
    expect(e.message).toMatch(new RegExp(`^${name}: `));
    expect(e.message).toContain(token);
  });

  it("refuses more than ten values", () => {
    expect(thrown(() => parseSweepValues("epochs", "1,2,3,4,5,6,7,8,9,10,11")).message).toBe("epochs: 11 values, at most 10");
  });
});

describe("describeTrial", () => {
  it.each([
    [{ learningRate: 0.01, hidden: [64, 64] }, "lr=0.01 · hidden=64×64"],
    [{ learningRate: 0.0031622776601683794, batchSize: 1024 }, "lr=0.00316 · batch=1024"],
    [{ optimizer: "sgd" as const, activation: "tanh" as const, hidden: [] }, "opt=sgd · act=tanh · hidden=none"],
  ])("%j → %s", (overrides, label) => {
    expect(describeTrial({ overrides })).toBe(label);
  });
});
