import type { AsyncDuckDB, AsyncDuckDBConnection } from "@duckdb/duckdb-wasm";
import type { Table } from "apache-arrow";
import type { Db } from "@/lib/data/db";

/**
 * DuckDB-WASM in its own worker, bundles served by the app from
 * /vendor/duckdb (copied from node_modules at install; never a CDN).
 * The module is imported lazily so the first page paint carries none of it.
 */
export interface BrowserDb extends Db {
  /** Cancels the query running on the connection, if any. */
  cancel(): Promise<void>;
  terminate(): Promise<void>;
  version: string;
}

export async function openBrowserDb(): Promise<BrowserDb> {
  const duckdb = await import("@duckdb/duckdb-wasm");
  const base = `${window.location.origin}/vendor/duckdb`;
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: `${base}/duckdb-mvp.wasm`, mainWorker: `${base}/duckdb-browser-mvp.worker.js` },
    eh: { mainModule: `${base}/duckdb-eh.wasm`, mainWorker: `${base}/duckdb-browser-eh.worker.js` },
    // Multi-threaded build, chosen only when the page is cross-origin isolated
    // (the app sends COOP/COEP headers, see next.config.ts).
    coi: { mainModule: `${base}/duckdb-coi.wasm`, mainWorker: `${base}/duckdb-browser-coi.worker.js`, pthreadWorker: `${base}/duckdb-browser-coi.pthread.worker.js` },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db: AsyncDuckDB = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  // Numbers arrive as JS numbers: BIGINT/DECIMAL beyond 2^53 lose precision in
  // display only; the stored table keeps its exact type.
  await db.open({ maximumThreads: bundle.pthreadWorker ? Math.max(1, navigator.hardwareConcurrency || 1) : 1, query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn: AsyncDuckDBConnection = await db.connect();
  // Offline: an extension autoload would hang on a download, so make it an error.
  await conn.query("SET autoinstall_known_extensions = false");
  await conn.query("SET autoload_known_extensions = false");
  const version = await db.getVersion();
  return {
    version,
    query: (sql: string): Promise<Table> => conn.query(sql),
    queryIpc: (sql: string): Promise<Uint8Array> => conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql)),
    registerFile: (name, bytes) => db.registerFileBuffer(name, bytes),
    dropFile: async (name) => {
      await db.dropFile(name);
    },
    insertArrowStream: (bytes, table) => conn.insertArrowFromIPCStream(bytes, { name: table, create: true }),
    cancel: async () => {
      await conn.cancelSent();
    },
    terminate: async () => {
      await db.terminate();
    },
  };
}
