import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import type { Table } from "apache-arrow";
import type { Db } from "@/lib/data/db";
import { readFileSync } from "node:fs";

/**
 * The real DuckDB-WASM engine, in its Node blocking build, behind the same Db
 * seam the browser uses — unit tests exercise the same SQL the app sends.
 */
const require = createRequire(import.meta.url);

export async function openNodeDuckDb(): Promise<Db & { close(): void }> {
  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
  const dist = dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs"));
  const bundles = {
    mvp: { mainModule: resolve(dist, "duckdb-mvp.wasm"), mainWorker: "" },
    eh: { mainModule: resolve(dist, "duckdb-eh.wasm"), mainWorker: "" },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  // Fail instead of hanging on a download when SQL needs an extension.
  conn.query("SET autoinstall_known_extensions = false");
  conn.query("SET autoload_known_extensions = false");
  return {
    async query(sql: string): Promise<Table> {
      return conn.query(sql);
    },
    async queryIpc(sql: string): Promise<Uint8Array> {
      // As the browser client does: the engine's own IPC bytes (file format). (apache-arrow's
      // tableToIPC does not recognise the Table class DuckDB-WASM bundles and
      // writes nothing.) The bytes are a view of wasm memory that the next call
      // reuses: copied out, as the browser's worker message copies them.
      return conn.useUnsafe((bindings: { runQuery(conn: number, sql: string): Uint8Array }, id: number) => bindings.runQuery(id, sql).slice());
    },
    async registerFile(name: string, bytes: Uint8Array) {
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string) {
      db.dropFile(name);
    },
    async insertArrowStream(bytes: Uint8Array, table: string) {
      conn.insertArrowFromIPCStream(bytes, { name: table, create: true });
    },
    close() {
      conn.close();
    },
  };
}

/** A real sample file from the vega-datasets package (never hand-made data). */
export function sampleBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(process.cwd(), "node_modules/vega-datasets/data", file)));
}
