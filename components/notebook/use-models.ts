"use client";
import { useCallback, useEffect, useState } from "react";
import type { ModelDetail, ModelSummary } from "@/lib/api/models";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";

export type Loadable<T> = { kind: "loading" } | { kind: "ready"; value: T } | { kind: "error"; message: string };

/**
 * The registry as a predict cell's menus need it: every model's name (GET
 * /api/models), and the chosen model's versions and aliases (GET
 * /api/models/{name}). `reload` fetches both again, e.g. after a push.
 */
export function useModels(model: string): { models: Loadable<ModelSummary[]>; detail: Loadable<ModelDetail> | null; reload(): void } {
  const [models, setModels] = useState<Loadable<ModelSummary[]>>({ kind: "loading" });
  const [detail, setDetail] = useState<Loadable<ModelDetail> | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    setModels({ kind: "loading" });
    apiFetch("/api/models")
      .then((res) => apiJson<{ models: ModelSummary[] }>(res))
      .then(
        (b) => live && setModels({ kind: "ready", value: b.models }),
        (e: unknown) => live && setModels({ kind: "error", message: `models could not be listed: ${e instanceof Error ? e.message : String(e)}` }),
      );
    return () => {
      live = false;
    };
  }, [generation]);

  useEffect(() => {
    if (!model) {
      setDetail(null);
      return;
    }
    let live = true;
    setDetail({ kind: "loading" });
    apiFetch(`/api/models/${encodeURIComponent(model)}`)
      .then((res) => apiJson<ModelDetail>(res))
      .then(
        (d) => live && setDetail({ kind: "ready", value: d }),
        (e: unknown) => live && setDetail({ kind: "error", message: `model ${model}: ${e instanceof Error ? e.message : String(e)}` }),
      );
    return () => {
      live = false;
    };
  }, [model, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { models, detail, reload };
}
