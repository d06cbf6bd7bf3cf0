import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The ONNX project's own checker (onnx.checker.check_model with full_check,
 * which adds shape inference), from Debian's python3-onnx, which `npm test`
 * installs. Returns its error, or null when the model passes.
 */
export function onnxCheck(bytes: Uint8Array): string | null {
  const dir = mkdtempSync(path.join(tmpdir(), "lathe-onnx-"));
  try {
    const file = path.join(dir, "model.onnx");
    writeFileSync(file, bytes);
    const r = spawnSync("/usr/bin/python3", ["-c", "import sys, onnx; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)", file], { encoding: "utf8" });
    if (r.error) throw r.error;
    return r.status === 0 ? null : r.stderr.trim().split("\n").slice(-3).join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
