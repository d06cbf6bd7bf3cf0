import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadTs } from "./ts-modules.mjs";
const require = createRequire(import.meta.url);
setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
const { modules, close } = await loadTs(["/lib/train/loop.ts", "/lib/train/forward.ts", "/lib/train/params.ts", "/lib/train/model-spec.ts", "/lib/train/random.ts"]);
const [, F, P, M, R] = modules;
await tf.setBackend(process.argv[2] ?? "wasm");
const spec = M.parseModelSpec({ kind: "mlp", hidden: [64, 64], optimizer: { kind: "adam", learningRate: 0.01 }, batchSize: 512, earlyStopping: null, seed: 1, epochs: 1 });
const params = P.initParams(tf, [8, 64, 64, 1], new R.Random(1));
const vars = P.paramList(params);
const xb = tf.randomNormal([512, 8]); const yb = tf.cast(tf.greater(tf.randomNormal([512]), 0), "float32"); const wb = tf.ones([512]);
const lossOf = () => tf.add(F.batchLoss(tf, "binary", F.forward(tf, spec, params, xb, 1), yb, wb, 2), F.l2Penalty(tf, params, 0));
for (let i = 0; i < 20; i++) tf.tidy(() => tf.variableGrads(lossOf, vars));
const agg = new Map();
for (let r = 0; r < 20; r++) {
  const info = await tf.profile(() => { const g = tf.variableGrads(lossOf, vars); return [g.value, ...Object.values(g.grads)]; });
  for (const k of info.kernels) { const key = k.name + " " + JSON.stringify(k.inputShapes); const a = agg.get(key) ?? [0, 0]; a[0] += await k.kernelTimeMs; a[1]++; agg.set(key, a); }
  tf.dispose(info.result);
}
const rows = [...agg].map(([k, [t, n]]) => [k, t / 20, n / 20]).sort((a, b) => b[1] - a[1]);
let tot = 0; for (const r of rows) tot += r[1];
console.log("total kernel ms/step", tot.toFixed(3));
for (const r of rows.slice(0, 40)) console.log(r[1].toFixed(3), r[2], r[0]);
await close();
