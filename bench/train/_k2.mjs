import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
const require = createRequire(import.meta.url);
setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
await tf.setBackend("wasm");
const med = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
function t(name, fn, n = 300) { const r = []; for (let k = 0; k < 6; k++) { const s = performance.now(); for (let i = 0; i < n; i++) tf.tidy(fn); if (k) r.push((performance.now() - s) / n); } console.log(name.padEnd(50), (med(r) * 1000).toFixed(1), "µs"); }
for (let rep = 0; rep < 3; rep++) for (const n of [16, 4096, 32768]) { const a = tf.ones([n]); t(`add ones[${n}]`, () => tf.add(a, a)); t(`neg ones[${n}]`, () => tf.neg(a)); a.dispose(); }
