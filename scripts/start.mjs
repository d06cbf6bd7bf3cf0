// `npm start`: install if needed, copy runtime assets, build if the sources
// changed since the last build, then serve on http://localhost:3000.
// Uses only Node built-ins, since it may run before node_modules exists.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, statSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ONNXRUNTIME_NODE_INSTALL: "skip" };

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env, ...opts });
  if (r.status !== 0) {
    console.error(`lathe: "${cmd} ${args.join(" ")}" failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

export function ensureInstalled() {
  const lock = join(root, "package-lock.json");
  const marker = join(root, "node_modules", ".package-lock.json");
  if (!existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    console.log("lathe: installing dependencies (npm ci)…");
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  }
  run("node", ["scripts/copy-assets.mjs"]);
}

/** Newest modification time under the folders a build depends on. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ["app", "components", "lib", "workers"]) walk(join(root, d));
  for (const f of ["package-lock.json", "next.config.ts", "tsconfig.json"]) newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  return newest;
}

export function ensureBuilt() {
  const stamp = join(root, ".next", "lathe-build-stamp");
  const newest = newestSource();
  const built = existsSync(stamp) ? Number(readFileSync(stamp, "utf8")) : 0;
  if (!existsSync(join(root, ".next", "BUILD_ID")) || built < newest) {
    console.log("lathe: building the app (next build)…");
    run("npx", ["next", "build"]);
    writeFileSync(stamp, String(newest));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureInstalled();
  ensureBuilt();
  const port = process.env.PORT ?? "3000";
  // Loopback by default: the workbench holds data; listen elsewhere only when HOST says so.
  const host = process.env.HOST ?? "127.0.0.1";
  console.log(`lathe: serving on http://localhost:${port} (data in ${process.env.LATHE_DATA_DIR ?? "./data"})`);
  // LATHE_HOST tells the server where it listens: local mode (no sign-in) only ever applies on loopback.
  run("npx", ["next", "start", "-p", port, "-H", host], { env: { ...env, LATHE_HOST: host } });
}
