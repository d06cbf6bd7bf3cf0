import type { DatasetVersion } from "./dataset";

/**
 * Browser persistence in IndexedDB (not DuckDB's OPFS mode, which has open
 * data-loss bugs): every dataset version's source bytes and record, and the
 * notebook document. Reload replays the loads from the stored bytes.
 */
const DB_NAME = "lathe";
const DB_VERSION = 1;
const DATASETS = "datasets";
const KV = "kv";

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
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(`browser storage: cannot open IndexedDB (${req.error?.message ?? "unknown error"})`));
  });
}

let dbPromise: Promise<IDBDatabase> | null = null;
const idb = () => (dbPromise ??= open());

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
