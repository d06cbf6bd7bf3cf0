import type { RunImportResult } from "@/lib/api/run-export";
import type { CreateRunRequest, Run, RunFilters, RunGroup, RunGroupKey, RunListQuery, RunSummary, UpdateRunRequest } from "@/lib/api/runs";

/** Which runs to export: these ids (every one must exist), or the newest that match the filters. */
export type RunExportSelection = { ids: readonly string[] } | { filters: RunFilters };

/**
 * Training runs (runs-sql.ts). StoreErrors: "not_found" for an unknown run,
 * "conflict" for ending a run that already ended.
 */
export interface RunStore {
  createRun(req: CreateRunRequest, createdBy: string): Promise<Run>;
  updateRun(id: string, req: UpdateRunRequest): Promise<Run>;
  getRun(id: string): Promise<Run>;
  /** One page, sorted and filtered on the server, with the total that matches. */
  listRuns(q: RunListQuery): Promise<{ runs: RunSummary[]; total: number }>;
  /**
   * Whole runs for the runs file: in the order of `ids`, or newest first by
   * filters. At most MAX_RUNS_PER_FILE (lib/api/run-export.ts); `total` is
   * how many matched, so a caller can tell the file was cut short.
   * "not_found" (field "ids") names every id that is not a stored run.
   */
  exportRuns(which: RunExportSelection): Promise<{ runs: Run[]; total: number }>;
  /**
   * Stores runs from a runs file as they were (ids, timestamps, status,
   * curves, metrics, weights), owned by `importedBy` and tagged "imported";
   * all or nothing. Existing ids are skipped, a "running" run becomes
   * failed ("abandoned"). "invalid" (field "runs.<i>") when the database
   * refuses a value the file's schema let through.
   */
  importRuns(runs: readonly Run[], importedBy: string): Promise<RunImportResult>;
  /** Counts, best metric and newest run per tag or dataset (RunGroup in lib/api/runs.ts), largest group first. */
  groupRuns(by: RunGroupKey, filters: RunFilters): Promise<RunGroup[]>;
}
