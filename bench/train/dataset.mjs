// Synthetic binary-classification table for the training benchmark. The
// browser side loads the CSV into the app and the PyTorch reference reads the
// binary copy, so both train on the same rows from one seed, with no download.
//
//   node bench/train/dataset.mjs [rows] [outDir]   → outDir/train-<rows>.csv, .f32, .f32.json
import { writeFileSync, mkdirSync } from "node:fs";
import { endianness } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const FEATURES = 8;
export const DEFAULT_ROWS = 200_000;
export const COLUMNS = [...Array.from({ length: FEATURES }, (_, i) => `f${i + 1}`), "label"];

// Mulberry32 (Tommy Ettinger, 2017), as lib/train/random.ts: kept here so the
// bench script needs no TypeScript, and the same seed gives the same table.
function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

// Features are stored on a 1e-4 grid and kept well under 256 in magnitude, so
// the float32 value prints back (toFixed(4)) to the exact CSV text, and the
// app's parse of the CSV equals the binary copy bit for bit.
const q4 = (x) => Math.round(x * 1e4) / 1e4;

export function makeDataset(n = DEFAULT_ROWS, seed = 1) {
  const rand = mulberry32(seed);
  // Box–Muller; 1 - u keeps log() away from 0.
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  // Unequal offsets and scales so the reference's standardisation matters, as it does in the app.
  const offset = [0, 5, -3, 10, 0, 1, -2, 50];
  const scale = [1, 2, 0.5, 4, 1, 3, 0.25, 10];
  const features = new Float32Array(n * FEATURES);
  const target = new Float32Array(n);
  const z = new Float64Array(FEATURES);
  let positives = 0;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < FEATURES; j++) {
      z[j] = gauss();
      features[r * FEATURES + j] = q4(offset[j] + scale[j] * z[j]);
    }
    // Pairwise products (an XOR-like sign pattern no linear model can fit), a
    // bounded wiggle and noise; f8 is irrelevant. Each product is symmetric
    // about 0, so the classes come out near 50/50.
    const s = z[0] * z[1] + z[2] * z[3] - z[4] * z[5] + Math.sin(2 * z[6]) + 0.5 * gauss();
    target[r] = s > 0 ? 1 : 0;
    positives += target[r];
  }
  return { features, target, columns: COLUMNS.slice(), positives };
}

export function writeCsv(path, ds) {
  const n = ds.target.length;
  const parts = [ds.columns.join(",") + "\n"];
  // Built in chunks: one string per row would be slow, one string for all hits V8's length cap at large n.
  let chunk = "";
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < FEATURES; j++) chunk += ds.features[r * FEATURES + j].toFixed(4) + ",";
    chunk += ds.target[r] + "\n";
    if (chunk.length > 1 << 20) {
      parts.push(chunk);
      chunk = "";
    }
  }
  parts.push(chunk);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, parts.join(""));
}

// Layout: n×8 features row-major, then n targets, all float32 little-endian.
// The JSON header beside it (`<path>.json`) says so, for torch_ref.py.
export function writeBinary(path, ds) {
  if (endianness() !== "LE") throw new Error("writeBinary writes the host's float32 layout; this host is big-endian");
  const n = ds.target.length;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.concat([Buffer.from(ds.features.buffer, ds.features.byteOffset, ds.features.byteLength), Buffer.from(ds.target.buffer, ds.target.byteOffset, ds.target.byteLength)]));
  writeFileSync(`${path}.json`, JSON.stringify({ n, features: FEATURES, columns: ds.columns, dtype: "float32-le", layout: "features row-major n x features, then target n" }) + "\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const n = Number(process.argv[2] ?? DEFAULT_ROWS);
  const out = resolve(process.argv[3] ?? join(dirname(fileURLToPath(import.meta.url)), "../.cache"));
  const t0 = performance.now();
  const ds = makeDataset(n, 1);
  writeCsv(join(out, `train-${n}.csv`), ds);
  writeBinary(join(out, `train-${n}.f32`), ds);
  console.log(`${n} rows, ${((100 * ds.positives) / n).toFixed(1)}% positive, written to ${out} in ${Math.round(performance.now() - t0)} ms`);
}
