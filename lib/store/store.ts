import type { SaveNotebookRequest, SavedNotebook } from "@/lib/api/notebook";
import type { NotebookSummary } from "@/lib/api/notebook-requests";
import type { LabelStore } from "./labels";
import type { ModelStore } from "./models";
import type { RequestStore } from "./model-requests";
import type { RunStore } from "./runs";
import type { UserStore } from "./users";

export type { NotebookId } from "./notebook-id";
export { StoreError, type StoreErrorCode } from "./store-error";

export type StoreKind = "pglite" | "postgres";

export interface MigrationStatus {
  /** True when every migration this build knows has been applied. */
  current: boolean;
  applied: number;
  latest: number;
}

/**
 * The server's persistent state. Both adapters pass the same contract tests
 * (test/store.contract.ts); every method throws StoreError for expected failures.
 */
export interface Store {
  readonly kind: StoreKind;
  /** Users, sessions and API tokens. */
  readonly users: UserStore;
  /** Labeling projects, items, annotations and adjudications. */
  readonly labels: LabelStore;
  /** Training runs: experiment tracking. */
  readonly runs: RunStore;
  /** The model registry: versions, gate verdicts, aliases. */
  readonly models: ModelStore;
  /** The sampled inference request log: monitoring and feedback. */
  readonly requests: RequestStore;
  migrationStatus(): Promise<MigrationStatus>;
  /**
   * `id` null creates a notebook (revision 1; `baseRevision` must be absent).
   * With an id, `req.baseRevision` must equal the stored revision, else
   * "conflict" and nothing changes; an unknown id is "not_found".
   */
  saveNotebook(id: string | null, req: SaveNotebookRequest): Promise<SavedNotebook>;
  /** Newest first (by last save). */
  listNotebooks(): Promise<NotebookSummary[]>;
  getNotebook(id: string): Promise<SavedNotebook>;
  deleteNotebook(id: string): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}
