import type { CreateRunRequest, Run, RunListQuery, RunSummary, UpdateRunRequest } from "@/lib/api/runs";
import { metricName } from "@/lib/train/metrics";
import type { Guard } from "./guard";
import { iso, json, type Json } from "./label-rows";
import { parseNotebookId as parseUuid } from "./notebook-id";
import type { RunStore } from "./runs";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { StoreError } from "./store-error";

/**
 * A run the page stopped reporting on (tab closed, browser crashed) is
 * recorded as failed once it has been silent this long, in seconds. The
 * train cell reports after every epoch, so a live run is never this quiet.
 */
export const ABANDONED_AFTER_SECONDS = 120;

const SUMMARY = "id, name, status, task, dataset_name, metric_name, primary_metric, tags, created_at, finished_at, created_by";
const FULL = `${SUMMARY}, config, dataset, label_snapshot, environment, metrics, curves, weights, fitted_features, timings, error, notes, parent_id, updated_at`;

interface Row {
  id: string;
  name: string;
  status: Run["status"];
  task: Run["task"];
  dataset_name: string;
  metric_name: Run["metricName"];
  primary_metric: number | null;
  tags: Json<string[]>;
  created_at: Date | string;
  finished_at: Date | string | null;
  created_by: string;
  config?: Json<Run["config"]>;
  dataset?: Json<Run["dataset"]>;
  label_snapshot?: string | null;
  environment?: Json<Run["environment"]>;
  metrics?: Json<Run["metrics"]>;
  curves?: Json<Run["curves"]>;
  weights?: Json<Run["weights"]>;
  fitted_features?: Json<Run["fittedFeatures"]>;
  timings?: Json<Run["timings"]>;
  error?: Json<Run["error"]>;
  notes?: string;
  parent_id?: string | null;
  updated_at?: Date | string;
}

function toSummary(r: Row): RunSummary {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    task: r.task,
    datasetName: r.dataset_name,
    metricName: r.metric_name,
    primaryMetric: r.primary_metric === null ? null : Number(r.primary_metric),
    tags: json(r.tags),
    createdAt: iso(r.created_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    createdBy: r.created_by,
  };
}

function toRun(r: Row): Run {
  const opt = <T>(v: Json<T> | null | undefined): T | null => (v === null || v === undefined ? null : json(v));
  return {
    ...toSummary(r),
    config: json(r.config as Json<Run["config"]>),
    dataset: json(r.dataset as Json<Run["dataset"]>),
    labelSnapshot: r.label_snapshot ?? null,
    environment: json(r.environment as Json<Run["environment"]>),
    metrics: opt(r.metrics),
    curves: opt(r.curves) ?? [],
    weights: opt(r.weights),
    fittedFeatures: opt(r.fitted_features),
    timings: opt(r.timings),
    error: opt(r.error),
    notes: r.notes ?? "",
    parentId: r.parent_id ?? null,
    updatedAt: iso(r.updated_at as Date | string),
  };
}

/** Marks silent running runs as failed: the page that trained them is gone. */
async function closeAbandoned(db: SqlExecutor): Promise<void> {
  await db.query(
    `UPDATE runs SET status = 'failed', finished_at = clock_timestamp(),
       error = json_build_object('code', 'abandoned', 'message', 'the page training this run stopped reporting (closed tab or crashed browser); the curves up to then are kept')
     WHERE status = 'running' AND updated_at < clock_timestamp() - make_interval(secs => $1)`,
    [ABANDONED_AFTER_SECONDS],
  );
}

export class SqlRunStore implements RunStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly guard: Guard,
  ) {}

  createRun(req: CreateRunRequest, createdBy: string): Promise<Run> {
    return this.guard(async () => {
      if (req.parentId !== null) await this.#get(req.parentId);
      const { rows } = await this.db.query<Row>(
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
        if (cur.rows.length === 0) throw notFound(id);
        const running = cur.rows[0].status === "running";
        const ending = req.status !== undefined;
        const progress = req.curves !== undefined || req.metrics !== undefined || req.weights !== undefined || req.fittedFeatures !== undefined;
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
        if (ending) {
          set("status", req.status);
          sets.push("finished_at = clock_timestamp()");
        }
        const { rows } = await tx.query<Row>(`UPDATE runs SET ${sets.join(", ")} WHERE id = $1 RETURNING ${FULL}`, params);
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
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        params.push(v);
        where.push(sql.replace("?", `$${params.length}`));
      };
      if (q.status) add("status = ?", q.status);
      if (q.dataset) add("dataset_name = ?", q.dataset);
      if (q.tag) add("EXISTS (SELECT 1 FROM json_array_elements_text(tags) t WHERE t = ?)", q.tag);
      const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
      const dir = q.dir === "asc" ? "ASC" : "DESC";
      // Runs without a metric (failed early, still running) sort last either way.
      const order = q.sort === "metric" ? `primary_metric ${dir} NULLS LAST, id` : q.sort === "name" ? `name ${dir}, id` : `created_at ${dir}, id`;
      const total = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM runs ${w}`, params);
      const { rows } = await this.db.query<Row>(
        `SELECT ${SUMMARY} FROM runs ${w} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit, q.offset],
      );
      return { runs: rows.map(toSummary), total: Number(total.rows[0].n) };
    });
  }

  async #get(id: string): Promise<Run> {
    const { rows } = await this.db.query<Row>(`SELECT ${FULL} FROM runs WHERE id = $1`, [requireRunId(id)]);
    if (rows.length === 0) throw notFound(id);
    return toRun(rows[0]);
  }
}

function requireRunId(id: string): string {
  const rid = parseUuid(id);
  if (rid === null) throw notFound(id);
  return rid;
}

function notFound(id: string): StoreError {
  return new StoreError("not_found", `run not found: ${id}`);
}
