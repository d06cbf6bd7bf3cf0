import type { CreateRunRequest, Run, RunListQuery, RunSummary, UpdateRunRequest } from "@/lib/api/runs";

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
}
