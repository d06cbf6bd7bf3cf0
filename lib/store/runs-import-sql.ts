import { IMPORTED_TAG, MAX_RUNS_PER_FILE, type RunImportResult } from "@/lib/api/run-export";
import type { Run } from "@/lib/api/runs";
import { parseNotebookId as parseUuid } from "./notebook-id";
import { FULL, toRun, type RunRow } from "./run-rows";
import { runFilterWhere } from "./run-filters-sql";
import type { RunExportSelection } from "./runs";
import { ABANDONED_ERROR_CODE, closeAbandoned } from "./runs-abandoned-sql";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { StoreError } from "./store-error";

/**
 * Runs out and back in, whole: the file format is lib/api/run-export.ts.
 * An import keeps each run's id, timestamps, status, curves, metrics and
 * weights, so the same run is the same run on every Lathe it visits.
 */

/** The runs in the order asked for (ids) or newest first (filters), at most MAX_RUNS_PER_FILE; `total` is how many matched. */
export async function exportRuns(db: SqlDatabase, which: RunExportSelection): Promise<{ runs: Run[]; total: number }> {
  await closeAbandoned(db);
  if ("ids" in which) {
    const wanted = which.ids.map((id) => ({ id, uuid: parseUuid(id) }));
    const { rows } = await db.query<RunRow>(`SELECT ${FULL} FROM runs WHERE id = ANY($1::uuid[])`, [wanted.flatMap((w) => (w.uuid === null ? [] : [w.uuid]))]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = wanted.filter((w) => w.uuid === null || !byId.has(w.uuid)).map((w) => w.id);
    if (missing.length > 0) throw new StoreError("not_found", `runs not found: ${listSome(missing)}`, "ids");
    const runs = [...new Map(wanted.map((w) => [w.uuid, toRun(byId.get(w.uuid as string) as RunRow)])).values()];
    return { runs, total: runs.length };
  }
  const params: unknown[] = [];
  const w = runFilterWhere(which.filters, params);
  const total = await db.query<{ n: string }>(`SELECT count(*) AS n FROM runs ${w}`, params);
  const { rows } = await db.query<RunRow>(`SELECT ${FULL} FROM runs ${w} ORDER BY created_at DESC, id LIMIT $${params.length + 1}`, [...params, MAX_RUNS_PER_FILE]);
  return { runs: rows.map(toRun), total: Number(total.rows[0].n) };
}

/**
 * Inserts `runs` as `importedBy`, all or nothing. A run whose id is already
 * stored is skipped, never overwritten (ON CONFLICT, so two people importing
 * the same file at once both succeed). A run still "running" in the file is
 * stored as failed ("abandoned"): no page is training it here, and it ends
 * when it last reported. Parents are linked after every run is in, so their
 * order in the file does not matter.
 */
export async function importRuns(db: SqlDatabase, runs: readonly Run[], importedBy: string): Promise<RunImportResult> {
  return db.transaction(async (tx) => {
    const inserted: Run[] = [];
    const skipped: string[] = [];
    for (const [i, run] of runs.entries()) {
      if (await insertRun(tx, run, importedBy, i)) inserted.push(run);
      else skipped.push(run.id);
    }
    const unlinked = await linkParents(tx, inserted);
    return { imported: inserted.length, skipped, unlinked };
  });
}

async function insertRun(tx: SqlExecutor, run: Run, importedBy: string, index: number): Promise<boolean> {
  const abandoned = run.status === "running";
  const error = abandoned
    ? { code: ABANDONED_ERROR_CODE, message: "still running when exported; an imported run cannot resume, so it is kept as failed with the curves it had" }
    : run.error;
  const tags = run.tags.includes(IMPORTED_TAG) ? run.tags : [...run.tags, IMPORTED_TAG];
  // SQL NULL for a missing part, not the JSON literal null.
  const j = (v: unknown) => (v === null ? null : JSON.stringify(v));
  try {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO runs (id, name, status, task, dataset_name, dataset, label_snapshot, config, primary_metric, metric_name, metrics, curves, weights,
         fitted_features, environment, timings, error, notes, tags, created_by, created_at, updated_at, finished_at, parity, evaluation)
       VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8::json, $9, $10, $11::json, $12::json, $13::json,
         $14::json, $15::json, $16::json, $17::json, $18, $19::json, $20, $21, $22, $23, $24::json, $25::json)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        run.id,
        run.name,
        abandoned ? "failed" : run.status,
        run.task,
        run.datasetName,
        JSON.stringify(run.dataset),
        run.labelSnapshot,
        JSON.stringify(run.config),
        run.primaryMetric,
        run.metricName,
        j(run.metrics),
        JSON.stringify(run.curves),
        j(run.weights),
        j(run.fittedFeatures),
        JSON.stringify(run.environment),
        j(run.timings),
        j(error),
        run.notes,
        JSON.stringify(tags),
        importedBy,
        run.createdAt,
        run.updatedAt,
        abandoned ? run.updatedAt : run.finishedAt,
        j(run.parity),
        j(run.evaluation),
      ],
    );
    return rows.length > 0;
  } catch (e) {
    throw refusedRun(e, run, index);
  }
}

/** Sets parentId where the parent now exists (in the file or already stored); returns the runs left without theirs. */
async function linkParents(tx: SqlExecutor, inserted: readonly Run[]): Promise<string[]> {
  const children = inserted.filter((r) => r.parentId !== null).map((r) => ({ id: r.id, parent: r.parentId }));
  if (children.length === 0) return [];
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE runs c SET parent_id = x.parent FROM json_to_recordset($1::json) AS x(id uuid, parent uuid)
     WHERE c.id = x.id AND EXISTS (SELECT 1 FROM runs p WHERE p.id = x.parent) RETURNING c.id`,
    [JSON.stringify(children)],
  );
  const linked = new Set(rows.map((r) => r.id));
  return children.filter((c) => !linked.has(c.id)).map((c) => c.id);
}

/**
 * A value the database will not store (SQLSTATE class 22: out-of-range
 * date, bad text; 23514: a CHECK) is the file's fault: name the run, so the
 * reply says which one, rather than a bare server error.
 */
function refusedRun(e: unknown, run: Run, index: number): unknown {
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  if (!code.startsWith("22") && code !== "23514") return e;
  const detail = e instanceof Error ? e.message : code;
  return new StoreError("invalid", `runs.${index}: the database refused run ${run.id} (${detail}); nothing was imported`, `runs.${index}`, { cause: e });
}

function listSome(ids: readonly string[], max = 10): string {
  return ids.length <= max ? ids.join(", ") : `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;
}
