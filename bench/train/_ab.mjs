// A/B: baseline copy (/tmp/lb/base) vs working tree, alternating epochs runs in one process.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { makeDataset, FEATURES } from "./dataset.mjs";
import { loadTs } from "./ts-modules.mjs";
const require = createRequire(import.meta.url);
setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
const backend = process.argv[2] ?? "wasm";
const rounds = Number(process.argv[3] ?? 3);
const epochs = Number(process.argv[4] ?? 2);
const { modules } = await loadTs(["/bench/.cache/base-train/loop.ts", "/lib/train/loop.ts", "/lib/train/model-spec.ts", "/lib/train/random.ts", "/lib/train/params.ts"]);
const [base, cur, M, R, P] = modules;
await tf.setBackend(backend);
const TRAIN = 140000, VAL = 30000;
const ds = makeDataset(200000, 1);
const x = new Float32Array(ds.features.length);
for (let j = 0; j < FEATURES; j++) { let m = 0, s = 0; for (let r = 0; r < TRAIN; r++) m += ds.features[r * FEATURES + j] / TRAIN; for (let r = 0; r < TRAIN; r++) s += (ds.features[r * FEATURES + j] - m) ** 2 / TRAIN; s = Math.sqrt(s); for (let r = 0; r < 200000; r++) x[r * FEATURES + j] = (ds.features[r * FEATURES + j] - m) / s; }
const spec = M.parseModelSpec({ kind: "mlp", hidden: [64, 64], optimizer: { kind: "adam", learningRate: 0.01 }, batchSize: 512, earlyStopping: null, seed: 1, epochs });
const res = { base: [], cur: [] };
for (let r = 0; r < rounds; r++) for (const [name, lib] of [["base", base], ["cur", cur]]) {
  const input = { task: "binary", classCount: 2, train: { x: tf.tensor2d(x.subarray(0, TRAIN * 8), [TRAIN, 8]), y: ds.target.slice(0, TRAIN), w: new Float32Array(TRAIN).fill(1) }, validation: { x: tf.tensor2d(x.subarray(TRAIN * 8, (TRAIN + VAL) * 8), [VAL, 8]), y: ds.target.slice(TRAIN, TRAIN + VAL) } };
  const run = await lib.trainModel(tf, spec, input, new R.Random(1));
  const sps = run.curves.map((c) => Math.round(TRAIN / (c.fitMs / 1000)));
  res[name].push(...sps.slice(1));
  console.log(name, sps.join(", "), "val acc", run.curves.at(-1).validation.metric.toFixed(4), "loss", run.curves.at(-1).validation.loss.toFixed(4));
  P.disposeParams(run.params); input.train.x.dispose(); input.validation.x.dispose();
}
const med = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`${backend}: base median ${med(res.base)}, cur median ${med(res.cur)}, ratio ${(med(res.cur) / med(res.base)).toFixed(2)}`);
process.exit(0);
