import { queryRows, type Column, type Db } from "./db";
import { decodeToArrowStream } from "./decode";
import { errorMessage } from "./errors";
import { formatBytes } from "./formats";
import { quoteIdent, quoteLiteral } from "./sql";

/**
 * Tables and views a person makes in SQL (CREATE TABLE … AS, CREATE VIEW) are
 * not dataset versions: no file stands behind them, so replaying loads cannot
 * bring them back. To survive a reload they are kept in browser storage too —
 * a table as an Arrow IPC snapshot of its rows, a view as its SQL — and
 * rebuilt after the datasets when the page starts.
 *
 * A snapshot is taken when a table is new, or when a cell that names it ran
 * and its signature (row count, a sum of row hashes and its columns) changed:
 * a cell costs two catalog queries, plus one hashing scan of each kept table
 * it names, and a copy only of what changed.
 */
export type Derived =
  | { name: string; kind: "table"; signature: string; columns: Column[]; bytes: Uint8Array }
  | { name: string; kind: "view"; sql: string };

/** Where kept tables live (IndexedDB in the browser; a Map in tests). */
export interface DerivedStore {
  list(): Promise<Derived[]>;
  put(d: Derived): Promise<void>;
  remove(name: string): Promise<void>;
}

/** Restores insert here first; never a user's name (the engine's own prefix for its tables). */
const RESTORE_PREFIX = "__lathe_restore_";

/** Snapshots past this size are not kept: browser storage is not meant for copies of whole datasets. */
export const MAX_DERIVED_BYTES = 256 * 1024 * 1024;

/** What became of each table or view a sync looked at; `notKept` says why in words. */
export interface SyncReport {
  kept: string[];
  removed: string[];
  notKept: { name: string; reason: string }[];
}

/**
 * What this page knows it keeps (or chose not to keep), by name. A sync only
 * removes stored copies it knows about: a copy another tab made, or one that
 * failed to restore here, is not this page's to delete.
 */
export type Known = Map<string, { kind: "table"; signature: string; kept: boolean } | { kind: "view"; sql: string }>;

/** The session's starting knowledge: what was restored, as it was stored. */
export function knownFrom(kept: Derived[], restored: readonly string[]): Known {
  const ok = new Set(restored);
  return new Map(
    kept.filter((d) => ok.has(d.name)).map((d) => [d.name, d.kind === "view" ? { kind: "view", sql: d.sql } : { kind: "table", signature: d.signature, kept: true }] as const),
  );
}

/** Non-temporary tables and views of the main schema, less those `skip` names. */
async function userRelations(db: Db, skip: (name: string) => boolean) {
  const where = "NOT temporary AND NOT internal AND schema_name = 'main' AND database_name = current_database()";
  // One round trip for both lists: a view is the row with SQL.
  const rows = (
    await queryRows(db, `SELECT table_name AS name, NULL::VARCHAR AS sql FROM duckdb_tables() WHERE ${where} UNION ALL SELECT view_name, sql FROM duckdb_views() WHERE ${where} ORDER BY name`)
  ).filter((r) => !skip(String(r.name)));
  return {
    tables: rows.filter((r) => r.sql === null).map((r) => String(r.name)),
    views: rows.filter((r) => r.sql !== null).map((r) => ({ name: String(r.name), sql: String(r.sql) })),
  };
}

async function columnsOf(db: Db, name: string): Promise<Column[]> {
  const rows = await queryRows(db, `SELECT column_name AS c, data_type AS t FROM duckdb_columns() WHERE table_name = ${quoteLiteral(name)} AND schema_name = 'main' AND database_name = current_database() ORDER BY column_index`);
  return rows.map((r) => ({ name: String(r.c), type: String(r.t) }));
}

/** Changes when rows or columns change (order aside): count, a sum of row hashes, and the column list. */
export async function tableSignature(db: Db, name: string, columns: Column[]): Promise<string> {
  const [agg] = await queryRows(db, `SELECT count(*)::VARCHAR AS n, coalesce(sum(hash(r)), 0)::VARCHAR AS h FROM ${quoteIdent(name)} AS r`);
  return JSON.stringify([agg.n, agg.h, columns.map((c) => `${c.name} ${c.type}`)]);
}

// The engine hands 64-bit and wider integers and decimals to Arrow as doubles
// (the page reads numbers that way): in a snapshot they travel as text, which
// casts back exactly.
const WIDE_NUMBER = /\b(U?BIGINT|U?HUGEINT|DECIMAL|NUMERIC|INT8|LONG|INT128)\b/i;

/** The table's rows as an Arrow IPC stream, each column castable back to its type without loss. */
async function snapshot(db: Db, name: string, columns: Column[]): Promise<Uint8Array> {
  const select = columns.map((c) => (WIDE_NUMBER.test(c.type) ? `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${quoteIdent(c.name)}` : quoteIdent(c.name))).join(", ");
  // The engine answers in the IPC file format; a restore inserts a stream.
  return decodeToArrowStream("arrow", name, await db.queryIpc(`SELECT ${select} FROM ${quoteIdent(name)}`));
}

/** Whether a cell's SQL names the relation (case-insensitively, as a whole identifier). */
export function mentions(source: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_$])${escaped}($|[^A-Za-z0-9_$])`, "i").test(source);
}

/**
 * Brings the kept copies in line with the engine after a cell ran `source`:
 * drops copies of relations this page knew and that are gone, keeps new views
 * and changed view SQL, and snapshots tables that are new or that the cell
 * named and changed. `known` is updated in place. `skip` names relations that
 * are not the person's SQL work (datasets, evaluation tables).
 */
export async function syncDerived(db: Db, store: DerivedStore, known: Known, skip: (name: string) => boolean, source: string, maxBytes = MAX_DERIVED_BYTES): Promise<SyncReport> {
  const report: SyncReport = { kept: [], removed: [], notKept: [] };
  const now = await userRelations(db, skip);
  const live = new Set([...now.tables, ...now.views.map((v) => v.name)]);
  for (const [name, k] of [...known]) {
    if (live.has(name)) continue;
    if (k.kind === "view" || k.kept) await store.remove(name);
    known.delete(name);
    report.removed.push(name);
  }
  for (const v of now.views) {
    const old = known.get(v.name);
    if (old?.kind === "view" && old.sql === v.sql) continue;
    await store.put({ name: v.name, kind: "view", sql: v.sql });
    known.set(v.name, { kind: "view", sql: v.sql });
    report.kept.push(v.name);
  }
  for (const name of now.tables) {
    const old = known.get(name);
    if (old?.kind === "table" && !mentions(source, name)) continue;
    try {
      const columns = await columnsOf(db, name);
      const signature = await tableSignature(db, name, columns);
      if (old?.kind === "table" && old.signature === signature) continue;
      const bytes = await snapshot(db, name, columns);
      if (bytes.byteLength > maxBytes) {
        // An older copy would come back stale after a reload: better none.
        if (old?.kind !== "table" || old.kept) await store.remove(name);
        known.set(name, { kind: "table", signature, kept: false });
        report.notKept.push({ name, reason: `${formatBytes(bytes.byteLength)} is over the ${formatBytes(maxBytes)} kept across reloads; re-run its cell after a reload` });
        continue;
      }
      await store.put({ name, kind: "table", signature, columns, bytes });
      known.set(name, { kind: "table", signature, kept: true });
      report.kept.push(name);
    } catch (err) {
      // Another cell may have dropped it meanwhile; the next sync sees that.
      report.notKept.push({ name, reason: errorMessage(err) });
    }
  }
  return report;
}

/**
 * Rebuilds kept tables, then views (a view may read another: views are retried
 * until a round makes no progress). A name already taken — by a dataset
 * restored before — is left alone and reported, and its copy stays stored.
 */
export async function restoreDerived(db: Db, kept: Derived[], taken: ReadonlySet<string>): Promise<{ restored: string[]; problems: string[] }> {
  const restored: string[] = [];
  const problems: string[] = [];
  const usable = kept.filter((d) => {
    if (!taken.has(d.name)) return true;
    problems.push(`${d.name}: the name is taken by a dataset, so the table made in SQL was not restored`);
    return false;
  });
  for (const d of usable) {
    if (d.kind !== "table") continue;
    try {
      const note = await restoreTable(db, d);
      if (note) problems.push(note);
      restored.push(d.name);
    } catch (err) {
      problems.push(`${d.name}: ${errorMessage(err)}`);
    }
  }
  let pending = usable.filter((d): d is Extract<Derived, { kind: "view" }> => d.kind === "view");
  const failures = new Map<string, string>();
  while (pending.length > 0) {
    const next: typeof pending = [];
    for (const v of pending) {
      try {
        await db.query(v.sql);
        restored.push(v.name);
      } catch (err) {
        failures.set(v.name, errorMessage(err));
        next.push(v);
      }
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  for (const v of pending) problems.push(`${v.name}: ${failures.get(v.name)}`);
  return { restored, problems };
}

/**
 * Inserts the snapshot beside the table's name, then casts every column back to
 * the type it had. When a type no longer exists (a user-defined ENUM lives in
 * the catalog, not in the snapshot), the rows come back with the types Arrow
 * gave them, and the returned note says so: the table is not lost; the stored
 * copy stays as it was, so the note repeats on reloads until a cell changes
 * the table. (CREATE TABLE … AS also leaves out keys, defaults and checks.)
 */
async function restoreTable(db: Db, d: Extract<Derived, { kind: "table" }>): Promise<string | null> {
  const stagingName = `${RESTORE_PREFIX}${d.name}`;
  const staging = quoteIdent(stagingName);
  const target = quoteIdent(d.name);
  await db.query(`DROP TABLE IF EXISTS ${staging}`);
  await db.insertArrowStream(d.bytes, stagingName);
  try {
    const select = d.columns.map((c) => `CAST(${quoteIdent(c.name)} AS ${c.type}) AS ${quoteIdent(c.name)}`).join(", ");
    try {
      await db.query(`CREATE TABLE ${target} AS SELECT ${select} FROM ${staging}`);
      return null;
    } catch (err) {
      await db.query(`CREATE TABLE ${target} AS SELECT * FROM ${staging}`);
      return `${d.name}: restored with simpler column types (${errorMessage(err)})`;
    }
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${staging}`);
  }
}
