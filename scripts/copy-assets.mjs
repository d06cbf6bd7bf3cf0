// Copies every runtime asset the browser needs from node_modules into public/,
// so the app serves them itself and never reaches a CDN. Runs after install and
// before every build/start; cheap when nothing changed (size+mtime check).
import { copyFileSync, existsSync, mkdirSync, statSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nm = join(root, "node_modules");

/** [source relative to node_modules, destination relative to public/] */
const assets = [
  ["@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm", "vendor/duckdb/duckdb-mvp.wasm"],
  ["@duckdb/duckdb-wasm/dist/duckdb-eh.wasm", "vendor/duckdb/duckdb-eh.wasm"],
  ["@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js", "vendor/duckdb/duckdb-browser-mvp.worker.js"],
  ["@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js", "vendor/duckdb/duckdb-browser-eh.worker.js"],
  ["@duckdb/duckdb-wasm/dist/duckdb-coi.wasm", "vendor/duckdb/duckdb-coi.wasm"],
  ["@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js", "vendor/duckdb/duckdb-browser-coi.worker.js"],
  ["@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js", "vendor/duckdb/duckdb-browser-coi.pthread.worker.js"],
  ["parquet-wasm/esm/parquet_wasm_bg.wasm", "vendor/parquet-wasm/parquet_wasm_bg.wasm"],
  // TensorFlow.js WASM backend: plain, SIMD, and threaded SIMD (used when the page is cross-origin isolated).
  ["@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm", "vendor/tfjs/tfjs-backend-wasm.wasm"],
  ["@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm", "vendor/tfjs/tfjs-backend-wasm-simd.wasm"],
  ["@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm", "vendor/tfjs/tfjs-backend-wasm-threaded-simd.wasm"],
  // onnxruntime-web's WASM build (single-threaded SIMD is what the export worker asks for; the file holds both).
  ["onnxruntime-web/dist/ort-wasm-simd-threaded.wasm", "vendor/ort/ort-wasm-simd-threaded.wasm"],
  ["onnxruntime-web/dist/ort-wasm-simd-threaded.mjs", "vendor/ort/ort-wasm-simd-threaded.mjs"],
  // Sample datasets: real data from the vega-datasets package, never hand-made.
  ["vega-datasets/data/penguins.json", "samples/penguins.json"],
  ["vega-datasets/data/seattle-weather.csv", "samples/seattle-weather.csv"],
  ["vega-datasets/data/flights-200k.arrow", "samples/flights-200k.arrow"],
  ["vega-datasets/data/unemployment.tsv", "samples/unemployment.tsv"],
  ["vega-datasets/data/flights-3m.parquet", "samples/flights-3m.parquet"],
];

function copyIfChanged(src, dst) {
  if (!existsSync(src)) throw new Error(`asset missing: ${src} (run npm install)`);
  const s = statSync(src);
  if (existsSync(dst)) {
    const d = statSync(dst);
    if (d.size === s.size && d.mtimeMs >= s.mtimeMs) return false;
  }
  mkdirSync(dirname(dst), { recursive: true });
  copyFileSync(src, dst);
  return true;
}

let copied = 0;
for (const [from, to] of assets) {
  if (copyIfChanged(join(nm, from), join(root, "public", to))) copied++;
}
console.log(`assets: ${copied} copied, ${assets.length - copied} up to date in public/vendor and public/samples`);
// Keep the listing honest: warn about stray vendor files nobody copies any more.
const known = new Set(assets.map(([, to]) => to));
for (const dir of ["vendor/duckdb", "vendor/parquet-wasm", "vendor/tfjs", "vendor/ort"]) {
  const abs = join(root, "public", dir);
  if (!existsSync(abs)) continue;
  for (const f of readdirSync(abs)) if (!known.has(`${dir}/${f}`)) console.warn(`assets: stray file public/${dir}/${f}`);
}
