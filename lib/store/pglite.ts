import { mkdir } from "node:fs/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { SqlStore } from "./sql-store";
import { storeOpenError } from "./store-error";

/**
 * The embedded store: PostgreSQL compiled to wasm, in a folder. One process
 * only may open a given folder; PGlite serialises queries and transactions
 * on its single connection.
 */
export async function openPgliteStore(dataDir: string): Promise<SqlStore> {
  let pg: PGlite;
  try {
    await mkdir(dataDir, { recursive: true });
    pg = await PGlite.create(dataDir);
  } catch (e) {
    throw storeOpenError(e);
  }
  return SqlStore.open("pglite", pgliteDatabase(pg));
}

function executor(q: PGlite | Transaction): SqlExecutor {
  return {
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      const r = await q.query<T>(sql, params ? [...params] : undefined);
      return { rows: r.rows };
    },
    exec: async (sql: string) => {
      await q.exec(sql);
    },
  };
}

function pgliteDatabase(pg: PGlite): SqlDatabase {
  return {
    ...executor(pg),
    transaction: (fn) => pg.transaction((tx) => fn(executor(tx))),
    close: async () => {
      if (!pg.closed) await pg.close();
    },
  };
}
