import type { AsyncDuckDBConnection, WorkerRequestType } from "@duckdb/duckdb-wasm";
import type { Table } from "apache-arrow";
import type { Db } from "@/lib/data/db";
import { staging } from "./staging";

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
  /**
   * `insertArrowFromIPCStream` transfers the stream's buffer to DuckDB's
   * worker, which a shared staging buffer cannot be; this posts the same
   * request without a transfer list, so the worker copies from shared memory
   * and the page can lend the buffer again (see lib/data/staging-pool.ts).
   */
  class SharedInsertDuckDB extends duckdb.AsyncDuckDB {
    async insertSharedIpc(conn: number, bytes: Uint8Array, options: { name: string; create: boolean }): Promise<void> {
      await this.postTask(new duckdb.WorkerTask<WorkerRequestType.INSERT_ARROW_FROM_IPC_STREAM, [number, Uint8Array, typeof options], null>(duckdb.WorkerRequestType.INSERT_ARROW_FROM_IPC_STREAM, [conn, bytes, options]), []);
    }
    /** Same idea for a file: DuckDB's worker copies it into its own memory before answering. */
    async registerSharedFile(name: string, bytes: Uint8Array): Promise<void> {
      await this.postTask(new duckdb.WorkerTask<WorkerRequestType.REGISTER_FILE_BUFFER, [string, Uint8Array], null>(duckdb.WorkerRequestType.REGISTER_FILE_BUFFER, [name, bytes]), []);
    }
  }
  const worker = new Worker(bundle.mainWorker!);
  const db = new SharedInsertDuckDB(new duckdb.VoidLogger(), worker);
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
    registerFile: async (name, bytes) => {
      if (!staging) return db.registerFileBuffer(name, bytes.slice());
      // The bytes pass through a reused shared buffer instead of a fresh copy
      // (a 106 MB CSV: a memcpy instead of ~0.4 s of first-touch page faults).
      const buffer = staging.take(bytes.byteLength);
      try {
        const view = new Uint8Array(buffer, 0, bytes.byteLength);
        view.set(bytes);
        await db.registerSharedFile(name, view);
      } finally {
        staging.give(buffer);
      }
    },
    dropFile: async (name) => {
      await db.dropFile(name);
    },
    insertArrowStream: async (bytes, table) => {
      const options = { name: table, create: true };
      if (typeof SharedArrayBuffer !== "undefined" && bytes.buffer instanceof SharedArrayBuffer) {
        await conn.useUnsafe((_, id) => db.insertSharedIpc(id, bytes, options));
      } else {
        await conn.insertArrowFromIPCStream(bytes, options);
      }
    },
    cancel: async () => {
      await conn.cancelSent();
    },
    terminate: async () => {
      await db.terminate();
    },
  };
}
