// The production build served for the benchmark, in its own process group.
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import { join } from "node:path";
import { CACHE, ORIGIN, PORT, root } from "./config.mjs";

/** `env` adds to the server's environment (e.g. the first admin's credentials). */
export function startServer(dataDir, env = {}) {
  const logFile = join(CACHE, "next-start.log");
  const fd = openSync(logFile, "w");
  const child = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LATHE_DATA_DIR: dataDir, LATHE_HOST: "127.0.0.1", ...env },
    stdio: ["ignore", fd, fd],
    detached: true, // own process group, so npx and next die together
  });
  child.logFile = logFile;
  return child;
}

export function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    /* already gone */
  }
}

export async function waitHealthy(child, timeoutMs = 60_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}); see ${child.logFile}`);
    try {
      const r = await fetch(`${ORIGIN}/api/health`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms; see ${child.logFile}`);
}
