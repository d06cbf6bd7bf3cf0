import type { SqlExecutor } from "./sql";

/**
 * Fresh planner statistics after a bulk write. Without them the queue query
 * is planned from an empty table's statistics and scans every open item
 * instead of walking the queue index in order (160 ms instead of 4 ms per
 * request at 100,000 items). Loads only add rows: ANALYZE suffices (it
 * samples, so it stays cheap). Imports and label set changes update rows in
 * bulk, and PGlite has no autovacuum to clear the old versions from the
 * indexes: VACUUM as well. Runs after the write committed (VACUUM cannot run
 * in a transaction); a failure here is logged, not reported, because the
 * write itself succeeded.
 */
export async function refreshLabelStatistics(db: SqlExecutor, kind: "added" | "updated"): Promise<void> {
  try {
    await db.exec(kind === "added" ? "ANALYZE label_items" : "VACUUM ANALYZE label_items, current_annotations");
  } catch (e) {
    console.error(`label statistics not refreshed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
