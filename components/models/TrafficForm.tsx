"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import type { TrafficMode, TrafficPolicy } from "@/lib/serve/traffic-policy";

const MODE_LABEL: Record<TrafficMode, string> = { champion: "Champion answers everything", canary: "Canary", shadow: "Shadow" };

/**
 * The model's traffic split: everything to the champion, a canary (a share
 * of requests answered by a challenger, optionally sticky by a request
 * header), or a shadow (the challenger also runs on a share; the champion
 * answers). Blue-green is moving the champion alias, in the form beside.
 */
export function TrafficForm({ model, policy, champion, versions }: { model: string; policy: TrafficPolicy; champion: number | null; versions: number[] }) {
  const router = useRouter();
  const challengers = versions.filter((v) => v !== champion);
  const [mode, setMode] = useState<TrafficMode>(policy.mode);
  const [challenger, setChallenger] = useState(policy.mode === "champion" ? (challengers.at(-1) ?? 0) : policy.challenger);
  const [percent, setPercent] = useState(policy.mode === "champion" ? 10 : policy.percent);
  const [sticky, setSticky] = useState(policy.mode === "canary" ? (policy.stickyKey ?? "") : "");
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const save = async () => {
    setStatus(null);
    const body: TrafficPolicy =
      mode === "champion" ? { mode } : mode === "canary" ? { mode, challenger, percent, stickyKey: sticky.trim() === "" ? null : sticky.trim() } : { mode, challenger, percent };
    try {
      await apiJson(await apiFetch(`/api/models/${encodeURIComponent(model)}/traffic`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
      setStatus({ kind: "ok", text: mode === "champion" ? "Every request now goes to the champion." : `${MODE_LABEL[mode]} started: version ${challenger} on ${percent} % of requests.` });
      router.refresh();
    } catch (e) {
      setStatus({ kind: "error", text: `Not changed: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  return (
    <form
      className="alias-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>Traffic</legend>
        <label>
          Mode
          <select value={mode} onChange={(e) => setMode(e.target.value as TrafficMode)}>
            {(Object.keys(MODE_LABEL) as TrafficMode[]).map((m) => (
              <option key={m} value={m}>
                {MODE_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        {mode !== "champion" && (
          <>
            <label>
              Challenger
              <select value={challenger} onChange={(e) => setChallenger(Number(e.target.value))}>
                {challengers.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Share of requests (%)
              <input type="number" min={0} max={100} step="any" value={percent} onChange={(e) => setPercent(Number(e.target.value))} />
            </label>
          </>
        )}
        {mode === "canary" && (
          <label>
            Sticky by header <input value={sticky} placeholder="e.g. x-user-id" onChange={(e) => setSticky(e.target.value)} />
          </label>
        )}
        <button type="submit" disabled={mode !== "champion" && challengers.length === 0}>
          Apply traffic
        </button>
      </fieldset>
      {status && <p role={status.kind === "error" ? "alert" : "status"}>{status.text}</p>}
    </form>
  );
}
