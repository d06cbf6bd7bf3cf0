import type { Run } from "@/lib/api/runs";
import type { Db } from "@/lib/data/db";
import { quoteIdent } from "@/lib/data/sql";

/**
 * A recorded run's query read again from DuckDB as Arrow IPC bytes — the
 * export check, the evaluation and the learning curve all start here. Throws
 * in words when the run kept no query or the query no longer runs on the
 * loaded data.
 */
export async function runDataIpc(db: Db, run: Pick<Run, "name" | "config" | "dataset">, columns: readonly string[] | "*", again: string): Promise<Uint8Array> {
  if (!run.config.source) throw new Error(`run "${run.name}" did not record its query, so its rows cannot be read again`);
  const select = columns === "*" ? "*" : [...new Set(columns)].map(quoteIdent).join(", ");
  try {
    return await db.queryIpc(`SELECT ${select} FROM (${run.config.source}) AS run_data`);
  } catch (e) {
    throw new Error(`the run's query does not run on the loaded data (load "${run.dataset.name}", then ${again}): ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`);
  }
}
