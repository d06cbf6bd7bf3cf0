import type { RunFilters } from "@/lib/api/runs";

/**
 * The WHERE clause for RunFilters, appending its values to `params` (so
 * callers can add their own after). "" when nothing narrows. Each filter
 * has an index to lean on: status, dataset_name, primary_metric.
 */
export function runFilterWhere(f: RunFilters, params: unknown[]): string {
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (f.status) add("status = ?", f.status);
  if (f.dataset) add("dataset_name = ?", f.dataset);
  if (f.tag) add("EXISTS (SELECT 1 FROM json_array_elements_text(tags) t WHERE t = ?)", f.tag);
  if (f.metricName) add("metric_name = ?", f.metricName);
  // NULL compares as unknown, so runs without a metric drop out once a bound is set.
  if (f.metricMin !== undefined) add("primary_metric >= ?", f.metricMin);
  if (f.metricMax !== undefined) add("primary_metric <= ?", f.metricMax);
  return where.length ? `WHERE ${where.join(" AND ")}` : "";
}
