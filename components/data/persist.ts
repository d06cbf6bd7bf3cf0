import type { DatasetVersion } from "@/lib/data/dataset";
import type { Derived, DerivedStore } from "@/lib/data/derived-tables";

/**
 * Browser persistence in IndexedDB (not DuckDB's OPFS mode, which has open
 * data-loss bugs): every dataset version's source bytes and record, tables and
 * views made in SQL, and the notebook document. Reload replays the loads from
 * the stored bytes, then rebuilds the tables made in SQL.
 */
const DB_NAME = "lathe";
// 2: tables and views made in SQL (lib/data/derived-tables.ts).
const DB_VERSION = 2;
const DATASETS = "datasets";
const KV = "kv";
const DERIVED = "derived";

export interface StoredDataset {
  physical: string;
  record: DatasetVersion;
  bytes: Uint8Array;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(DATASETS)) db.createObjectStore(DATASETS, { keyPath: "physical" });
      if (!db.objectStoreNames.contains(KV)) db.createObjectStore(KV);
      if (!db.objectStoreNames.contains(DERIVED)) db.createObjectStore(DERIVED, { keyPath: "name" });
    };
    req.onsuccess = () => {
      // A newer page (another tab after an upgrade) needs this connection gone to upgrade.
      req.result.onversionchange = () => {
        req.result.close();
        dbPromise = null;
      };
      resolve(req.result);
    };
    req.onblocked = () => reject(new Error("browser storage: another Lathe tab holds an older version of its storage open; close it and reload"));
    req.onerror = () => reject(new Error(`browser storage: cannot open IndexedDB (${req.error?.message ?? "unknown error"})`));
  });
}

let dbPromise: Promise<IDBDatabase> | null = null;
// A failed open is not cached: once the other tab is closed, the next call succeeds.
const idb = () =>
  (dbPromise ??= open().catch((err: unknown) => {
    dbPromise = null;
    throw err;
  }));

async function tx<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await idb();
  return new Promise((resolve, reject) => {
    const t = db.transaction(store, mode);
    const req = fn(t.objectStore(store));
    // Resolve on commit, not on request success: only then is the write durable.
    t.oncomplete = () => resolve(req ? req.result : undefined);
    t.onerror = () => reject(new Error(`browser storage: ${t.error?.message ?? "write failed"}`));
    t.onabort = () => reject(new Error(`browser storage: ${t.error?.message ?? "transaction aborted"} (the browser may be out of storage space)`));
  });
}

export async function saveDataset(d: StoredDataset): Promise<void> {
  await tx(DATASETS, "readwrite", (s) => s.put(d));
}

export async function deleteDataset(physical: string): Promise<void> {
  await tx(DATASETS, "readwrite", (s) => s.delete(physical));
}

export async function loadDatasets(): Promise<StoredDataset[]> {
  return ((await tx<StoredDataset[]>(DATASETS, "readonly", (s) => s.getAll())) ?? []) as StoredDataset[];
}

export async function getValue<T>(key: string): Promise<T | undefined> {
  return (await tx<T>(KV, "readonly", (s) => s.get(key))) as T | undefined;
}

export async function setValue<T>(key: string, value: T): Promise<void> {
  await tx(KV, "readwrite", (s) => s.put(value, key));
}

/** The loaded versions' names and fingerprints, mirrored for pages that do not start DuckDB (a run's "dataset changed" notice). */
export const CATALOG_KEY = "catalog";

/** Tables and views made in SQL, kept for reloads. */
export const derivedStore: DerivedStore = {
  list: async () => ((await tx<Derived[]>(DERIVED, "readonly", (s) => s.getAll())) ?? []) as Derived[],
  put: async (d) => void (await tx(DERIVED, "readwrite", (s) => s.put(d))),
  remove: async (name) => void (await tx(DERIVED, "readwrite", (s) => s.delete(name))),
};
