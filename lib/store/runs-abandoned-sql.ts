import type { SqlExecutor } from "./sql";

/**
 * A run the page stopped reporting on (tab closed, browser crashed) is
 * recorded as failed once it has been silent this long, in seconds. The
 * train cell reports after every epoch, so a live run is never this quiet.
 */
export const ABANDONED_AFTER_SECONDS = 120;

/** Why an abandoned run failed; also given to a run imported while "running" (it cannot resume). */
export const ABANDONED_ERROR_CODE = "abandoned";

/** Marks silent running runs as failed: the page that trained them is gone. Called before every read. */
export async function closeAbandoned(db: SqlExecutor): Promise<void> {
  await db.query(
    `UPDATE runs SET status = 'failed', finished_at = clock_timestamp(),
       error = json_build_object('code', $2::text, 'message', 'the page training this run stopped reporting (closed tab or crashed browser); the curves up to then are kept')
     WHERE status = 'running' AND updated_at < clock_timestamp() - make_interval(secs => $1)`,
    [ABANDONED_AFTER_SECONDS, ABANDONED_ERROR_CODE],
  );
}
