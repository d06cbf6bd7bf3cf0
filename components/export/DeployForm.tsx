"use client";

import { useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import { NAME_PATTERN, type ModelVersion, type ReferenceBatch } from "@/lib/api/models";

type State = { kind: "idle" } | { kind: "pushing" } | { kind: "done"; version: ModelVersion } | { kind: "error"; message: string };

/** A file as base64, in chunks: String.fromCharCode over a whole model would overflow the call stack. */
function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * Deploy: pushes the chosen file, with the reference batch the browser
 * computed, to the model registry, whose validation gate blesses or vetoes
 * it; shows the verdict check by check.
 */
export function DeployForm({ file, reference, precision, defaultName, note }: { file: Uint8Array; reference: ReferenceBatch; precision: string; defaultName: string; note: string }) {
  const [name, setName] = useState(defaultName);
  const [state, setState] = useState<State>({ kind: "idle" });
  const valid = NAME_PATTERN.test(name);
  const push = async () => {
    setState({ kind: "pushing" });
    try {
      const res = await apiFetch(`/api/models/${encodeURIComponent(name)}/versions`, {
        method: "POST",
        body: JSON.stringify({ onnx: base64(file), reference, note }),
        headers: { "content-type": "application/json" },
      });
      setState({ kind: "done", version: await apiJson<ModelVersion>(res) });
    } catch (e) {
      setState({ kind: "error", message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <fieldset className="deploy">
      <legend>Deploy</legend>
      <label>
        Model name <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!valid} />
      </label>
      <button type="button" onClick={() => void push()} disabled={!valid || state.kind === "pushing"}>
        Push {precision} to the registry
      </button>
      {!valid && <p className="hint">1–64 letters, digits, "-", "_" or ".", starting with a letter or digit.</p>}
      {state.kind === "pushing" && <p role="status">Pushing; the registry's gate is checking the file…</p>}
      {state.kind === "error" && <p role="alert">Push failed: {state.message}</p>}
      {state.kind === "done" && (
        <div role="status" aria-label="Gate verdict">
          <p>
            Version {state.version.version} of <a href={`/models/${encodeURIComponent(state.version.model)}`}>{state.version.model}</a>:{" "}
            <strong>{state.version.verdict.blessed ? "blessed" : "vetoed"}</strong>
          </p>
          <ul>
            {state.version.verdict.checks.map((c) => (
              <li key={c.name}>
                {c.passed ? "✓" : "✗"} {c.name}: {c.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}
