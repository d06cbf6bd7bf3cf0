import type { MetricName, RunFilters, RunGroup, RunGroupKey } from "@/lib/api/runs";
import { iso } from "./label-rows";
import { runFilterWhere } from "./run-filters-sql";
import { closeAbandoned } from "./runs-abandoned-sql";
import type { SqlDatabase } from "./sql";

/** Which way is better for each metric; ties go to the run that got there first. */
const BETTER: Record<MetricName, "DESC" | "ASC"> = { accuracy: "DESC", rmse: "ASC" };

// One row per (group, run): a run's tags are unnested, its duplicate tags
// counted once, and a run without tags joins the untagged group "".
const KEYED: Record<RunGroupKey, string> = {
  tag: `SELECT DISTINCT t.tag AS key, r.id, r.created_at, r.metric_name, r.primary_metric FROM r CROSS JOIN LATERAL json_array_elements_text(r.tags) AS t(tag)
        UNION ALL
        SELECT '' AS key, r.id, r.created_at, r.metric_name, r.primary_metric FROM r WHERE json_array_length(r.tags) = 0`,
  dataset: "SELECT r.dataset_name AS key, r.id, r.created_at, r.metric_name, r.primary_metric FROM r",
};

interface GroupRow {
  key: string;
  n: string | number;
  latest: Date | string;
  [column: string]: unknown;
}

/** Groups of the runs that match `filters`, largest first, then by key in byte order (the same in every database locale); see RunGroup. */
export async function groupRuns(db: SqlDatabase, by: RunGroupKey, filters: RunFilters): Promise<RunGroup[]> {
  await closeAbandoned(db);
  const params: unknown[] = [];
  const w = runFilterWhere(filters, params);
  const metrics = Object.entries(BETTER) as [MetricName, "DESC" | "ASC"][];
  const best = metrics.map(([m, dir], i) => {
    const mine = `metric_name = '${m}' AND primary_metric IS NOT NULL`;
    return `(array_agg(primary_metric ORDER BY primary_metric ${dir}, created_at, id) FILTER (WHERE ${mine}))[1] AS best_${i},
            (array_agg(id::text ORDER BY primary_metric ${dir}, created_at, id) FILTER (WHERE ${mine}))[1] AS best_id_${i}`;
  });
  const { rows } = await db.query<GroupRow>(
    `WITH r AS (SELECT id, tags, dataset_name, created_at, metric_name, primary_metric FROM runs ${w}),
          k AS (${KEYED[by]})
     SELECT key, count(*) AS n, max(created_at) AS latest, ${best.join(", ")}
     FROM k GROUP BY key ORDER BY count(*) DESC, key COLLATE "C"`,
    params,
  );
  return rows.map((r) => ({
    key: r.key,
    count: Number(r.n),
    best: Object.fromEntries(
      metrics.map(([m], i) => [m, r[`best_id_${i}`] == null ? null : { value: Number(r[`best_${i}`]), runId: String(r[`best_id_${i}`]) }]),
    ) as RunGroup["best"],
    latest: iso(r.latest),
  }));
}
