import pg from "pg";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { SqlStore } from "./sql-store";

/** Pool size per process; route handlers hold a connection only for one statement or one transaction. */
const POOL_MAX = 10;

/** PostgreSQL through a `pg` pool; `url` is a libpq connection string (DATABASE_URL). */
export async function openPostgresStore(url: string): Promise<SqlStore> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_MAX, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection emits on the pool; unhandled, that
  // would crash the server. The next query reports the outage instead.
  pool.on("error", (e) => console.error(`postgres pool: ${e.message}`));
  return SqlStore.open("postgres", poolDatabase(pool));
}

function executor(q: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      const r = await q.query(sql, params ? [...params] : undefined);
      return { rows: r.rows as T[] };
    },
    // Without parameters `pg` uses the simple protocol, which runs several statements.
    exec: async (sql: string) => {
      await q.query(sql);
    },
  };
}

function poolDatabase(pool: pg.Pool): SqlDatabase {
  let ended = false;
  return {
    ...executor(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await fn(executor(client));
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw e;
      } finally {
        // A client whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
        client.release(broken);
      }
    },
    close: async () => {
      if (ended) return;
      ended = true;
      await pool.end();
    },
  };
}
