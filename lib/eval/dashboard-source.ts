import "server-only";
import type { RunEvaluation } from "@/lib/api/evaluation";
import type { Store } from "@/lib/store/store";
import { StoreError } from "@/lib/store/store-error";
import { buildDashboard, type Dashboard } from "./dashboard";

/** Run ids are UUIDs; a version pushed from a file exported elsewhere may name anything, which the store would refuse. */
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The dashboard of `model` from the store: the model, then the runs its
 * versions were pushed from — each run once, all at the same time, since
 * the trend needs every version's evaluation. Throws StoreError
 * "not_found" when the model does not exist.
 */
export async function loadDashboard(store: Store, model: string): Promise<Dashboard> {
  const detail = await store.models.getModel(model);
  const ids = [...new Set(detail.versions.map((v) => v.runId).filter((id): id is string => id !== null && RUN_ID.test(id)))];
  const found = new Map(await Promise.all(ids.map(async (id) => [id, await evaluationOf(store, id)] as const)));
  const runOf = (runId: string | null) => (runId === null ? undefined : found.get(runId));
  const versions = detail.versions.map((v) => {
    const run = runOf(v.runId);
    return { version: v.version, evaluation: run === undefined || run === MISSING ? null : run };
  });
  // A version naming a run that was deleted, or never imported here, reads as pushed without one.
  const hasRun = (version: number) => {
    const run = runOf(detail.versions.find((v) => v.version === version)?.runId ?? null);
    return run !== undefined && run !== MISSING;
  };
  return buildDashboard(detail.name, versions, detail.aliases, hasRun);
}

/** A run that is not in this store: told apart from a run without an evaluation, for the empty state's advice. */
const MISSING = Symbol("missing run");

async function evaluationOf(store: Store, id: string): Promise<RunEvaluation | null | typeof MISSING> {
  try {
    return (await store.runs.getRun(id)).evaluation;
  } catch (e) {
    if (e instanceof StoreError && e.code === "not_found") return MISSING;
    throw e;
  }
}
