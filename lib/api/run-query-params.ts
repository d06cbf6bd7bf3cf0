import { RequestError } from "./http";
import { MAX_RUNS_PER_FILE } from "./run-export";
import { METRIC_NAMES, RUN_STATUSES, type MetricName, type RunFilters, type RunStatus } from "./runs";

/**
 * Which runs, from the query string: the filters GET /api/runs, the export
 * and the groups share (status, tag, dataset, metricName, metricMin,
 * metricMax), and the export's explicit `ids`. An empty parameter counts as
 * absent, as the runs page sends empty form fields.
 */

export function runFilterParams(url: URL): RunFilters {
  const p = (k: string) => url.searchParams.get(k) || undefined;
  const status = p("status");
  if (status !== undefined && !(RUN_STATUSES as readonly string[]).includes(status)) {
    throw new RequestError("invalid", `status: must be one of ${RUN_STATUSES.join(", ")} (got ${status})`, "status");
  }
  const metricName = p("metricName");
  if (metricName !== undefined && !(METRIC_NAMES as readonly string[]).includes(metricName)) {
    throw new RequestError("invalid", `metricName: must be one of ${METRIC_NAMES.join(", ")} (got ${metricName})`, "metricName");
  }
  const metricMin = numberParam(url, "metricMin");
  const metricMax = numberParam(url, "metricMax");
  if (metricMin !== undefined && metricMax !== undefined && metricMin > metricMax) {
    throw new RequestError("invalid", `metricMin: must not exceed metricMax (got ${metricMin} > ${metricMax})`, "metricMin");
  }
  return {
    status: status as RunStatus | undefined,
    tag: p("tag"),
    dataset: p("dataset"),
    metricName: metricName as MetricName | undefined,
    metricMin,
    metricMax,
  };
}

// Decimal only: Number() alone would also take "0x1f", "Infinity" and " ".
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite decimal number, or undefined when absent or empty; "abc", "0x1", "1e999" and "NaN" are refused. */
function numberParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  const n = DECIMAL.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw new RequestError("invalid", `${name}: must be a number (got ${raw})`, name);
  return n;
}

/**
 * `ids=a,b,c`: null when the parameter is absent (export by filters
 * instead); duplicates dropped, order kept. Present but empty is refused
 * rather than read as "everything".
 */
export function runIdsParam(url: URL): string[] | null {
  const raw = url.searchParams.get("ids");
  if (raw === null) return null;
  const ids = [...new Set(raw.split(",").map((s) => s.trim()).filter((s) => s !== ""))];
  if (ids.length === 0) throw new RequestError("invalid", "ids: no run ids given; leave the parameter out to export by filters", "ids");
  if (ids.length > MAX_RUNS_PER_FILE) throw new RequestError("invalid", `ids: at most ${MAX_RUNS_PER_FILE} runs per file (got ${ids.length})`, "ids");
  return ids;
}
