// The processes bench:serve starts: Lathe's production build (next start),
// the bare server, and the load generator's runs. Each server runs in its
// own process group and every one is killed when the bench exits, however
// it exits (error, Ctrl-C, SIGTERM).
import { spawn } from "node:child_process";
import { mkdirSync, openSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const CACHE = join(root, "bench/.cache");

const live = new Set();
const scratch = new Set();

/** A folder removed when the bench exits, however it exits. */
export function removeOnExit(dir) {
  scratch.add(dir);
  return dir;
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

process.on("exit", () => {
  for (const child of live) killGroup(child, "SIGKILL");
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    console.error(`bench: ${signal}, stopping the servers`);
    process.exit(130);
  });
}

function track(child) {
  live.add(child);
  child.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  child.exited.then(() => live.delete(child));
  return child;
}

function logFile(name) {
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, `serve-${name}.log`);
  return { path, fd: openSync(path, "w") };
}

/** `next start` of the production build on loopback, with its own store in `dataDir`. */
export function startLathe({ name, port, dataDir, env = {}, nodeArgs = [] }) {
  const log = logFile(name);
  const child = spawn(process.execPath, [...nodeArgs, join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", LATHE_DATA_DIR: dataDir, LATHE_HOST: "127.0.0.1", ...env },
    stdio: ["ignore", log.fd, log.fd],
    detached: true,
  });
  return Object.assign(track(child), { name, origin: `http://127.0.0.1:${port}`, logPath: log.path, healthPath: "/api/health" });
}

export function startBare({ name, port, onnxFile, model }) {
  const log = logFile(name);
  const child = spawn(process.execPath, [join(root, "bench/serve/bare-server.mjs"), onnxFile, String(port), model], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", log.fd, log.fd],
    detached: true,
  });
  return Object.assign(track(child), { name, origin: `http://127.0.0.1:${port}`, logPath: log.path, healthPath: "/health" });
}

export async function waitHealthy(server, timeoutMs = 120_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`${server.name} exited (${server.exitCode}); see ${server.logPath}`);
    try {
      const r = await fetch(`${server.origin}${server.healthPath}`);
      if (r.status === 200) return Date.now() - t0;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${server.name} not healthy after ${timeoutMs} ms; see ${server.logPath}`);
}

/** SIGTERM to the group, SIGKILL if it has not exited in 10 s; resolves once it has. */
export async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
  await child.exited;
  clearTimeout(timer);
}

/** One load run (bench/serve/load.mjs) in its own process; resolves with its result. */
export function runLoad(options) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, [join(root, "bench/serve/load.mjs"), JSON.stringify(options)], { cwd: root, stdio: ["ignore", "pipe", "inherit"], detached: true }));
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}: ${out.slice(-500)}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1)));
      } catch (e) {
        reject(new Error(`load generator printed no result: ${out.slice(-500)} (${e})`));
      }
    });
  });
}

/**
 * Waits until the server has worked off what an earlier run left queued
 * (requests whose clients gave up are still answered): three health probes
 * in a row each answered within 100 ms. Returns the ms waited.
 */
export async function settle(server, timeoutMs = 300_000) {
  const t0 = Date.now();
  let fast = 0;
  while (fast < 3) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${server.name} still busy ${timeoutMs} ms after a run; see ${server.logPath}`);
    const t = performance.now();
    try {
      await (await fetch(`${server.origin}${server.healthPath}`, { signal: AbortSignal.timeout(30_000) })).text();
      fast = performance.now() - t < 100 ? fast + 1 : 0;
    } catch {
      fast = 0;
    }
  }
  return Date.now() - t0;
}
