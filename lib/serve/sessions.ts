import "server-only";
import type * as ort from "onnxruntime-node";
import { META } from "@/lib/onnx/export";
import type { InputSchema } from "@/lib/onnx/inputs";
import type { Store } from "@/lib/store/store";
import { StoreError } from "@/lib/store/store-error";
import { openSession } from "./onnx-node";

/** A version ready to answer: its session and what its metadata says about its inputs. */
export interface LoadedModel {
  model: string;
  version: number;
  sha256: string;
  session: ort.InferenceSession;
  inputs: InputSchema[];
  task: string;
  /** Class names in the probabilities' column order; empty for regression. */
  classes: string[];
  metadata: Record<string, string>;
}

/**
 * Sessions by model and version, opened on first use and kept: versions are
 * immutable, so a session never goes stale, and a version that was champion
 * stays loaded, which makes a rollback instant. Concurrent first requests
 * share one load.
 */
const loadedByStore = new WeakMap<Store, Map<string, Promise<LoadedModel>>>();

/** The version a request names, or the champion's; vetoed versions never answer. */
export async function resolveVersion(store: Store, model: string, version: number | null): Promise<number> {
  if (version !== null) return version;
  const champion = await store.models.aliasVersion(model, "champion");
  if (champion === null) {
    await store.models.getModel(model); // "model not found" when there is no such model at all
    throw new StoreError("not_found", `model ${model} has no champion: point the champion alias at a version first`);
  }
  return champion;
}

export async function loadVersion(store: Store, model: string, version: number): Promise<LoadedModel> {
  // Per store: "v3 of churn" means a different file in another database (tests open several).
  let loaded = loadedByStore.get(store);
  if (!loaded) loadedByStore.set(store, (loaded = new Map()));
  const key = `${model}@${version}`;
  let entry = loaded.get(key);
  if (!entry) {
    entry = (async () => {
      const file = await store.models.modelFile(model, version);
      if (!file.blessed) throw new StoreError("conflict", `version ${version} of ${model} was vetoed by the validation gate; it cannot serve`);
      // Read once per version here, not per request: the gate checked they agree with the graph.
      const inputs = JSON.parse(file.metadata[META.inputs] ?? "[]") as InputSchema[];
      const classes = JSON.parse(file.metadata[META.classes] ?? "[]") as string[];
      const task = file.metadata[META.task] ?? "";
      return { model, version, sha256: file.sha256, session: await openSession(file.bytes), inputs, task, classes, metadata: file.metadata };
    })();
    loaded.set(key, entry);
    // A failed load is not cached: the next request tries again (the store may have been briefly down).
    entry.catch(() => loaded.delete(key));
  }
  return entry;
}
