import { createHash } from "node:crypto";
import type { SqlExecutor } from "./sql";

/**
 * The label snapshot id of a project's labels as this transaction sees
 * them: `<project>@a<last answer id>.j<last decision id>.<digest>`. The
 * digest covers the count, sum and maximum of the answer and decision ids,
 * because ids are handed out at insert and may commit out of order: two
 * reads with the same largest id but different rows get different ids.
 * Callers read in one REPEATABLE READ transaction (see beginSnapshotRead) so
 * the id and the labels they return describe the same state.
 */
export async function snapshotId(tx: SqlExecutor, projectId: string): Promise<string> {
  const { rows } = await tx.query<{ a: string; j: string; amax: string | null; jmax: string | null }>(
    `SELECT (SELECT count(*) || ':' || coalesce(sum(id), 0) FROM annotations WHERE project_id = $1) AS a,
            (SELECT count(*) || ':' || coalesce(sum(id), 0) FROM adjudications WHERE project_id = $1) AS j,
            (SELECT max(id) FROM annotations WHERE project_id = $1) AS amax,
            (SELECT max(id) FROM adjudications WHERE project_id = $1) AS jmax`,
    [projectId],
  );
  const r = rows[0];
  const digest = createHash("sha256").update(`${r.a}|${r.amax}|${r.j}|${r.jmax}`).digest("hex").slice(0, 10);
  return `${projectId}@a${r.amax ?? 0}.j${r.jmax ?? 0}.${digest}`;
}

/** First statement of a transaction that reads labels with their snapshot id: one consistent view for every statement. */
export async function beginSnapshotRead(tx: SqlExecutor): Promise<void> {
  await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
}
