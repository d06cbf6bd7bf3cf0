import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
const require = createRequire(import.meta.url);
setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
await tf.setBackend(process.argv[2] ?? "wasm");
const med = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
function t(name, fn, n = 300) { const r = []; for (let k = 0; k < 6; k++) { const s = performance.now(); for (let i = 0; i < n; i++) tf.dispose(tf.tidy(fn)); if (k) r.push((performance.now() - s) / n); } console.log(name.padEnd(50), (med(r) * 1000).toFixed(1), "µs"); }
for (const [B, I] of [[512, 64], [500, 64], [512, 63], [512, 8], [64, 64], [128,64]]) { const h = tf.randomNormal([B, I]); t(`transpose [${B},${I}]`, () => tf.transpose(h)); h.dispose(); }
const h = tf.randomNormal([512, 64]);
const blocked = () => { const a = tf.transpose(tf.reshape(h, [8, 64, 64]), [0, 2, 1]); return tf.reshape(tf.transpose(a, [1, 0, 2]), [64, 512]); };
console.log("blocked equals:", tf.tidy(() => tf.max(tf.abs(tf.sub(blocked(), tf.transpose(h))))).dataSync()[0]);
t("blocked transpose [512,64]", blocked);
const dz = tf.randomNormal([512, 64]);
t("matMul(transpose(h), dz)", () => tf.matMul(tf.transpose(h), dz));
t("matMul(blocked(h), dz)", () => tf.matMul(blocked(), dz));
const hT = tf.transpose(h);
t("matMul(hT, dz) precomputed", () => tf.matMul(hT, dz));
t("matMul(dz^T... [64,512]x[512,64])", () => tf.matMul(hT, dz));
