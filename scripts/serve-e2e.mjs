// The production build served for the end-to-end suite, with a fresh data dir
// so saved notebooks from an earlier run cannot leak into this one.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = process.argv[2] ?? "3100";
const dataDir = mkdtempSync(join(tmpdir(), "lathe-e2e-"));
const host = "127.0.0.1";
// LATHE_HOST: the server's own view of where it listens (local mode needs loopback).
const child = spawn("npx", ["next", "start", "-p", port, "-H", host], {
  stdio: "inherit",
  env: { ...process.env, LATHE_DATA_DIR: dataDir, LATHE_HOST: host, NEXT_TELEMETRY_DISABLED: "1" },
});
const stop = () => {
  child.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
};
process.on("SIGTERM", () => { stop(); process.exit(0); });
process.on("SIGINT", () => { stop(); process.exit(0); });
child.on("exit", (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
