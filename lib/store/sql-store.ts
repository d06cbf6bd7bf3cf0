import type { Notebook, SaveNotebookRequest, SavedNotebook } from "@/lib/api/notebook";
import type { NotebookSummary } from "@/lib/api/notebook-requests";
import { migrate, readMigrationStatus } from "./migrate";
import { newNotebookId, parseNotebookId, type NotebookId } from "./notebook-id";
import { SqlLabelStore } from "./labels-sql";
import { SqlModelStore } from "./models-sql";
import { SqlRequestStore } from "./model-requests-sql";
import { SqlRunStore } from "./runs-sql";
import type { SqlDatabase } from "./sql";
import { SqlUserStore } from "./users-sql";
import type { MigrationStatus, Store, StoreKind } from "./store";
import { StoreError, storeOpenError, toStoreError } from "./store-error";

interface NotebookRow {
  id: string;
  title: string;
  revision: number;
  updated_at: Date | string;
  document: Notebook | string;
}

const RETURNING = "RETURNING id, title, revision, updated_at, document";

/** The notebook queries, written once over whatever SqlDatabase an adapter provides. */
export class SqlStore implements Store {
  #closed = false;
  readonly users: SqlUserStore;
  readonly labels: SqlLabelStore;
  readonly runs: SqlRunStore;
  readonly models: SqlModelStore;
  readonly requests: SqlRequestStore;

  private constructor(
    readonly kind: StoreKind,
    private readonly db: SqlDatabase,
  ) {
    const guard = <T>(fn: () => Promise<T>) => this.#run(fn);
    // PGlite's folder is opened by one process only, so what its stores read
    // can be cached in memory and cleared by their own writes; a shared
    // PostgreSQL is read every time, so every instance sees a move at once.
    const singleProcess = kind === "pglite";
    this.users = new SqlUserStore(db, guard, singleProcess);
    this.labels = new SqlLabelStore(db, guard);
    this.runs = new SqlRunStore(db, guard);
    this.models = new SqlModelStore(db, guard, singleProcess);
    this.requests = new SqlRequestStore(db, guard);
  }

  /** Migrates, then hands over the store; closes `db` when migrating fails. */
  static async open(kind: StoreKind, db: SqlDatabase): Promise<SqlStore> {
    try {
      await migrate(db);
    } catch (e) {
      await db.close().catch(() => {});
      throw storeOpenError(e);
    }
    return new SqlStore(kind, db);
  }

  migrationStatus(): Promise<MigrationStatus> {
    return this.#run(() => readMigrationStatus(this.db));
  }

  saveNotebook(id: string | null, req: SaveNotebookRequest): Promise<SavedNotebook> {
    return this.#run(() => (id === null ? this.#create(req) : this.#update(requireId(id), req)));
  }

  listNotebooks(): Promise<NotebookSummary[]> {
    return this.#run(async () => {
      const { rows } = await this.db.query<Omit<NotebookRow, "document">>(
        "SELECT id, title, revision, updated_at FROM notebooks ORDER BY updated_at DESC, id",
      );
      return rows.map((r) => ({ id: r.id, title: r.title, revision: Number(r.revision), updatedAt: isoString(r.updated_at) }));
    });
  }

  getNotebook(id: string): Promise<SavedNotebook> {
    return this.#run(async () => {
      const nid = requireId(id);
      const { rows } = await this.db.query<NotebookRow>(
        "SELECT id, title, revision, updated_at, document FROM notebooks WHERE id = $1",
        [nid],
      );
      if (rows.length === 0) throw notFound(nid);
      return toSaved(rows[0]);
    });
  }

  deleteNotebook(id: string): Promise<void> {
    return this.#run(async () => {
      const nid = requireId(id);
      const { rows } = await this.db.query("DELETE FROM notebooks WHERE id = $1 RETURNING id", [nid]);
      if (rows.length === 0) throw notFound(nid);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.db.close();
  }

  async #create(req: SaveNotebookRequest): Promise<SavedNotebook> {
    if (req.baseRevision !== undefined) {
      throw new StoreError("invalid", `baseRevision: not allowed when creating (got ${req.baseRevision})`, "baseRevision");
    }
    const { rows } = await this.db.query<NotebookRow>(
      `INSERT INTO notebooks (id, title, revision, document) VALUES ($1, $2, 1, $3::json) ${RETURNING}`,
      [newNotebookId(), req.notebook.title, JSON.stringify(req.notebook)],
    );
    return toSaved(rows[0]);
  }

  async #update(id: NotebookId, req: SaveNotebookRequest): Promise<SavedNotebook> {
    const base = req.baseRevision;
    if (base === undefined) throw new StoreError("invalid", "baseRevision: required to update a notebook", "baseRevision");
    // One conditional statement, so two saves from the same base cannot both
    // pass: PostgreSQL re-checks `revision = $2` after waiting on the row lock.
    const { rows } = await this.db.query<NotebookRow>(
      `UPDATE notebooks SET title = $3, document = $4::json, revision = revision + 1, updated_at = clock_timestamp()
       WHERE id = $1 AND revision = $2 ${RETURNING}`,
      [id, base, req.notebook.title, JSON.stringify(req.notebook)],
    );
    if (rows.length > 0) return toSaved(rows[0]);
    // Nothing matched: say why. This read only chooses the message.
    const current = await this.db.query<{ revision: number }>("SELECT revision FROM notebooks WHERE id = $1", [id]);
    if (current.rows.length === 0) throw notFound(id);
    throw new StoreError(
      "conflict",
      `stale revision: ${base} (the server has revision ${Number(current.rows[0].revision)}); reload the notebook, then save again`,
      "baseRevision",
    );
  }

  async #run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new StoreError("unavailable", `store closed: ${this.kind}`);
    try {
      return await fn();
    } catch (e) {
      throw toStoreError(e);
    }
  }
}

function requireId(id: string): NotebookId {
  const nid = parseNotebookId(id);
  if (nid === null) throw notFound(id);
  return nid;
}

function notFound(id: string): StoreError {
  return new StoreError("not_found", `notebook not found: ${id}`);
}

function toSaved(r: NotebookRow): SavedNotebook {
  return {
    id: r.id,
    title: r.title,
    revision: Number(r.revision),
    updatedAt: isoString(r.updated_at),
    // Both drivers parse `json` columns; the string case guards a driver configured otherwise.
    notebook: typeof r.document === "string" ? (JSON.parse(r.document) as Notebook) : r.document,
  };
}

function isoString(t: Date | string): string {
  return (t instanceof Date ? t : new Date(t)).toISOString();
}
