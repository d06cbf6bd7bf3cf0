// `npm test`: installs what the tests need (npm packages, Debian's chromium,
// postgresql and python3-onnx when missing), runs the unit tests (vitest, including the store
// contract against PGlite and a throwaway PostgreSQL), builds the app and runs
// the end-to-end journeys (Playwright on /usr/bin/chromium). Ends with one
// line "N passed, N failed" over both suites.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt, ensureInstalled } from "./start.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, ".lathe-test");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ONNXRUNTIME_NODE_INSTALL: "skip" };

function sh(cmd, args) {
  return spawnSync(cmd, args, { cwd: root, stdio: "inherit", env }).status ?? 1;
}

let aptUpdated = false;
function aptInstall(pkg) {
  if (process.getuid?.() !== 0) {
    console.error(`lathe: ${pkg} is missing; install it with: sudo apt-get install -y ${pkg}`);
    process.exit(1);
  }
  if (!aptUpdated) {
    if (sh("apt-get", ["update"]) !== 0) process.exit(1);
    aptUpdated = true;
  }
  console.log(`lathe: installing Debian's ${pkg}…`);
  if (sh("apt-get", ["install", "-y", "--no-install-recommends", pkg]) !== 0) process.exit(1);
}

ensureInstalled();
if (!existsSync("/usr/bin/chromium")) aptInstall("chromium");
const { findPgBin } = await import("./pg-throwaway.mjs");
if (!findPgBin()) aptInstall("postgresql");
// The ONNX project's own checker (onnx.checker, Debian's python3-onnx) judges every exported model.
if (spawnSync("/usr/bin/python3", ["-c", "import onnx"]).status !== 0) aptInstall("python3-onnx");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const unitStatus = sh("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile=${join(out, "vitest.json")}`]);
ensureBuilt();
const e2eStatus = sh("npx", ["playwright", "test"]);

function counts(file, pick) {
  try {
    return pick(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return { passed: 0, failed: 1 };
  }
}
const unit = counts(join(out, "vitest.json"), (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests + (j.numTotalTestSuites && j.success === false && j.numFailedTests === 0 ? 1 : 0) }));
const e2e = counts(join(out, "playwright.json"), (j) => ({ passed: j.stats.expected, failed: j.stats.unexpected + j.stats.flaky }));
const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed + (unitStatus !== 0 && unit.failed === 0 ? 1 : 0) + (e2eStatus !== 0 && e2e.failed === 0 ? 1 : 0);
console.log(`unit: ${unit.passed} passed, ${unit.failed} failed; end-to-end: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(unitStatus === 0 && e2eStatus === 0 && failed === 0 ? 0 : 1);
