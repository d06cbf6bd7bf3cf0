import type { RunImportResult } from "@/lib/api/run-export";
import type { CreateRunRequest, Run, RunFilters, RunGroup, RunGroupKey, RunListQuery, RunSummary, UpdateRunRequest } from "@/lib/api/runs";
import { metricName } from "@/lib/train/metrics";
import type { Guard } from "./guard";
import { FULL, requireRunId, runNotFound, SUMMARY, toRun, toSummary, type RunRow } from "./run-rows";
import { runFilterWhere } from "./run-filters-sql";
import { closeAbandoned } from "./runs-abandoned-sql";
import { groupRuns } from "./runs-group-sql";
import { exportRuns, importRuns } from "./runs-import-sql";
import type { RunExportSelection, RunStore } from "./runs";
import type { SqlDatabase } from "./sql";
import { StoreError } from "./store-error";

/** The RunStore over SQL: create, update and read here; export and import in runs-import-sql.ts, groups in runs-group-sql.ts. */

export class SqlRunStore implements RunStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly guard: Guard,
  ) {}

  createRun(req: CreateRunRequest, createdBy: string): Promise<Run> {
    return this.guard(async () => {
      if (req.parentId !== null) await this.#get(req.parentId);
      const { rows } = await this.db.query<RunRow>(
        `INSERT INTO runs (id, name, status, task, dataset_name, dataset, label_snapshot, config, metric_name, environment, tags, notes, parent_id, created_by)
         VALUES ($1, $2, 'running', $3, $4, $5::json, $6, $7::json, $8, $9::json, $10::json, $11, $12, $13) RETURNING ${FULL}`,
        [
          crypto.randomUUID(),
          req.name,
          req.config.task,
          req.dataset.name,
          JSON.stringify(req.dataset),
          req.labelSnapshot,
          JSON.stringify(req.config),
          metricName(req.config.task),
          JSON.stringify(req.environment),
          JSON.stringify(req.tags),
          req.notes,
          req.parentId,
          createdBy,
        ],
      );
      return toRun(rows[0]);
    });
  }

  updateRun(id: string, req: UpdateRunRequest): Promise<Run> {
    return this.guard(() =>
      this.db.transaction(async (tx) => {
        await closeAbandoned(tx);
        const rid = requireRunId(id);
        const cur = await tx.query<{ status: Run["status"] }>("SELECT status FROM runs WHERE id = $1 FOR UPDATE", [rid]);
        if (cur.rows.length === 0) throw runNotFound(id);
        const running = cur.rows[0].status === "running";
        const ending = req.status !== undefined;
        const progress = req.curves !== undefined || req.metrics !== undefined || req.weights !== undefined || req.fittedFeatures !== undefined;
        if (req.parity !== undefined && cur.rows[0].status !== "finished") {
          throw new StoreError("conflict", `run ${id} is ${cur.rows[0].status}: only a finished run is exported and checked`, "parity");
        }
        if (req.evaluation !== undefined && cur.rows[0].status !== "finished") {
          throw new StoreError("conflict", `run ${id} is ${cur.rows[0].status}: only a finished run is evaluated`, "evaluation");
        }
        if ((ending || progress) && !running) {
          throw new StoreError("conflict", `run already ended: ${id} is ${cur.rows[0].status}; only its notes and tags can change`, "status");
        }
        const sets: string[] = ["updated_at = clock_timestamp()"];
        const params: unknown[] = [rid];
        const set = (col: string, v: unknown, cast = "") => {
          params.push(v);
          sets.push(`${col} = $${params.length}${cast}`);
        };
        if (req.curves !== undefined) set("curves", JSON.stringify(req.curves), "::json");
        if (req.metrics !== undefined) set("metrics", JSON.stringify(req.metrics), "::json");
        if (req.primaryMetric !== undefined) set("primary_metric", req.primaryMetric);
        if (req.weights !== undefined) set("weights", JSON.stringify(req.weights), "::json");
        if (req.fittedFeatures !== undefined) set("fitted_features", JSON.stringify(req.fittedFeatures), "::json");
        if (req.timings !== undefined) set("timings", JSON.stringify(req.timings), "::json");
        if (req.error !== undefined) set("error", JSON.stringify(req.error), "::json");
        if (req.notes !== undefined) set("notes", req.notes);
        if (req.tags !== undefined) set("tags", JSON.stringify(req.tags), "::json");
        if (req.parity !== undefined) set("parity", JSON.stringify(req.parity), "::json");
        if (req.evaluation !== undefined) set("evaluation", JSON.stringify(req.evaluation), "::json");
        if (ending) {
          set("status", req.status);
          sets.push("finished_at = clock_timestamp()");
        }
        const { rows } = await tx.query<RunRow>(`UPDATE runs SET ${sets.join(", ")} WHERE id = $1 RETURNING ${FULL}`, params);
        return toRun(rows[0]);
      }),
    );
  }

  getRun(id: string): Promise<Run> {
    return this.guard(async () => {
      await closeAbandoned(this.db);
      return this.#get(id);
    });
  }

  listRuns(q: RunListQuery): Promise<{ runs: RunSummary[]; total: number }> {
    return this.guard(async () => {
      await closeAbandoned(this.db);
      const params: unknown[] = [];
      const w = runFilterWhere(q, params);
      const dir = q.dir === "asc" ? "ASC" : "DESC";
      // Runs without a metric (failed early, still running) sort last either way.
      const order = q.sort === "metric" ? `primary_metric ${dir} NULLS LAST, id` : q.sort === "name" ? `name ${dir}, id` : `created_at ${dir}, id`;
      const total = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM runs ${w}`, params);
      const { rows } = await this.db.query<RunRow>(
        `SELECT ${SUMMARY} FROM runs ${w} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit, q.offset],
      );
      return { runs: rows.map(toSummary), total: Number(total.rows[0].n) };
    });
  }

  exportRuns(which: RunExportSelection): Promise<{ runs: Run[]; total: number }> {
    return this.guard(() => exportRuns(this.db, which));
  }

  importRuns(runs: readonly Run[], importedBy: string): Promise<RunImportResult> {
    return this.guard(() => importRuns(this.db, runs, importedBy));
  }

  groupRuns(by: RunGroupKey, filters: RunFilters): Promise<RunGroup[]> {
    return this.guard(() => groupRuns(this.db, by, filters));
  }

  async #get(id: string): Promise<Run> {
    const { rows } = await this.db.query<RunRow>(`SELECT ${FULL} FROM runs WHERE id = $1`, [requireRunId(id)]);
    if (rows.length === 0) throw runNotFound(id);
    return toRun(rows[0]);
  }
}
