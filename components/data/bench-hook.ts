import type { DatasetVersion } from "@/lib/data/dataset";
import { queryRows, type Db } from "@/lib/data/db";
import { ingest, type LoadStage } from "@/lib/data/ingest";
import { decodeInWorker } from "./decode-client";

/**
 * `window.lathe`: the app's own ingestion and query path, for `npm run
 * bench:data` to time from a headless browser. Loads through it are not
 * persisted; the page's catalog learns of them through `onLoaded`.
 */
export function installBenchHook(db: Db, catalog: () => readonly DatasetVersion[], onLoaded: (v: DatasetVersion) => void): void {
  (window as unknown as { lathe?: unknown }).lathe = {
    ingestUrl: async (url: string, tableName?: string) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const t0 = performance.now();
      // Milliseconds from the start of the load at which each stage began.
      const stages: Partial<Record<LoadStage, number>> = {};
      const onStage = (s: LoadStage) => (stages[s] = performance.now() - t0);
      const v = await ingest(db, catalog(), { fileName: url.split("/").pop()!, bytes, tableName, onStage }, decodeInWorker);
      const ms = performance.now() - t0;
      onLoaded(v);
      return { rows: v.rows, ms, stages };
    },
    query: async (sql: string) => {
      const t0 = performance.now();
      const rows = await queryRows(db, sql);
      return { rows, ms: performance.now() - t0 };
    },
  };
}
