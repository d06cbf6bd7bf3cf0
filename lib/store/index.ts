import "server-only";
import path from "node:path";
import type { Store } from "./store";

export type { MigrationStatus, NotebookId, Store, StoreKind } from "./store";
export { StoreError, type StoreErrorCode } from "./store-error";

export interface OpenStoreOptions {
  /** PostgreSQL connection string; when absent, the embedded PGlite store. */
  databaseUrl?: string;
  /** Lathe's data folder; PGlite lives in its `pglite/` subfolder. Default ./data. */
  dataDir?: string;
}

/** Opens (and migrates) a store. Adapters load lazily so a deployment loads only the one it uses. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  if (options.databaseUrl) {
    const { openPostgresStore } = await import("./postgres");
    return openPostgresStore(options.databaseUrl);
  }
  const { openPgliteStore } = await import("./pglite");
  return openPgliteStore(path.join(options.dataDir ?? "./data", "pglite"));
}

export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenStoreOptions {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.LATHE_DATA_DIR || undefined };
}

// Kept on globalThis, not in module scope: dev-mode reloads re-evaluate this
// module, and a second PGlite on the same folder would corrupt it.
const SINGLETON = Symbol.for("lathe.store");
type Holder = { [SINGLETON]?: Promise<Store> };
const holder = globalThis as Holder;

/**
 * The process-wide store: PostgreSQL when DATABASE_URL is set, else PGlite
 * under LATHE_DATA_DIR. A failed open is not cached, so a later request retries.
 */
export function getStore(): Promise<Store> {
  let pending = holder[SINGLETON];
  if (!pending) {
    pending = openStore(storeOptionsFromEnv());
    holder[SINGLETON] = pending;
    pending.catch(() => {
      if (holder[SINGLETON] === pending) delete holder[SINGLETON];
    });
  }
  return pending;
}

/** Closes the process-wide store (shutdown, tests); the next getStore() opens a new one. */
export async function closeStore(): Promise<void> {
  const pending = holder[SINGLETON];
  delete holder[SINGLETON];
  if (!pending) return;
  const store = await pending.catch(() => null);
  await store?.close();
}
