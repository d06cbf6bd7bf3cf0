// Runs the PyTorch reference (torch_ref.py) and returns its JSON line. Never
// throws for a missing interpreter or torch: the bench reports which reference
// it had, or why there was none, instead of failing the whole run.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "torch_ref.py");

// `python3` first, as the brief of the bench says; but on a machine where
// pyenv (or a venv) shadows it, Debian's python3-torch is only importable
// from /usr/bin/python3, so that is tried next. LATHE_PYTHON overrides both.
const candidates = () => [...new Set([process.env.LATHE_PYTHON, "python3", "/usr/bin/python3"].filter(Boolean))];

function run(cmd, args) {
  return new Promise((done) => {
    let out = "";
    let err = "";
    let child;
    try {
      child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      return done({ code: null, out, err: String(e) });
    }
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", (e) => done({ code: null, out, err: e.message })); // ENOENT: no such interpreter
    child.on("close", (code) => done({ code, out, err }));
  });
}

/**
 * @param {{ binPath: string, epochs?: number, threads?: number }} opts threads 0 (or omitted) keeps torch's default.
 * @returns {Promise<object>} torch_ref.py's JSON (reference, threads, epochs, rows, samplesPerSecond, trainAccuracy, …),
 *   or `{ reference: null, reason }` when no interpreter with torch could run it.
 */
export async function torchReference({ binPath, epochs = 3, threads = 0 }) {
  const reasons = [];
  for (const py of candidates()) {
    const { code, out, err } = await run(py, [SCRIPT, binPath, String(epochs), String(threads)]);
    const line = out.trim().split("\n").pop();
    let parsed = null;
    try {
      parsed = line ? JSON.parse(line) : null;
    } catch {}
    if (code === 0 && parsed?.reference) return parsed;
    // Exit 3 is torch_ref.py's "no torch here": try the next interpreter.
    if (code === 3 && parsed) {
      reasons.push(parsed.reason);
      continue;
    }
    if (code === null) {
      reasons.push(`${py}: ${err.trim() || "could not start"}`);
      continue;
    }
    // torch was there but the run failed (bad file, crash): another interpreter would fail the same way.
    return { reference: null, reason: `${py} exited ${code}: ${(err.trim() || out.trim()).split("\n").slice(-3).join(" | ")}` };
  }
  return { reference: null, reason: `no python3 with torch: ${reasons.join("; ")}` };
}
