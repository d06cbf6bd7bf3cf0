import pg from "pg";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { SqlStore } from "./sql-store";
import { StoreError } from "./store-error";

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

// What `pg` throws when the server goes away mid-request: plain Errors with no
// SQLSTATE or socket code, so toStoreError cannot tell them from a bug. The
// connection was lost (server stopped or restarted), or never came within
// connectionTimeoutMillis, or the client is unusable after such a loss.
const CONNECTION_LOST = /^(Connection terminated|Client has encountered a connection error and is not queryable|timeout exceeded when trying to connect)/;

/** The database went away: "unavailable" (503), so callers retry, instead of an unexpected error (500). */
function lostConnection(e: unknown): unknown {
  if (!(e instanceof Error) || "code" in e || !CONNECTION_LOST.test(e.message)) return e;
  return new StoreError("unavailable", `database unavailable: ${e.message}`, undefined, { cause: e });
}

async function withLostConnection<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw lostConnection(e);
  }
}

function executor(q: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      const r = await withLostConnection(q.query(sql, params ? [...params] : undefined));
      return { rows: r.rows as T[] };
    },
    // Without parameters `pg` uses the simple protocol, which runs several statements.
    exec: async (sql: string) => {
      await withLostConnection(q.query(sql));
    },
  };
}

function poolDatabase(pool: pg.Pool): SqlDatabase {
  let ended = false;
  return {
    ...executor(pool),
    transaction: async (fn) => {
      const client = await withLostConnection(pool.connect());
      let broken: Error | undefined;
      // The pool listens for a client's "error" only while it is idle. One
      // checked out here that loses its connection emits "error" with no
      // listener, which Node throws as an uncaught exception; the failing
      // query reports the loss to the caller, so this only marks the client.
      const onError = (e: Error) => {
        broken = e;
      };
      client.on("error", onError);
      try {
        await withLostConnection(client.query("BEGIN"));
        const result = await fn(executor(client));
        await withLostConnection(client.query("COMMIT"));
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken ??= rollbackError;
        });
        throw e;
      } finally {
        client.removeListener("error", onError);
        // A client whose connection broke or whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
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
