import type {
  AddItemsRequest,
  AdjudicateRequest,
  Adjudication,
  FlagForReviewRequest,
  FlagForReviewResult,
  ItemComment,
  ItemHistory,
  LabelChange,
  LabelChangeResult,
  LabelProject,
  MyHistoryEntry,
  Progress,
  ProjectSpec,
  QueueItem,
  ReviewItem,
  SubmitRequest,
  SubmitResult,
} from "@/lib/api/labels";
import type { GoldImportRow, RawImportRow } from "@/lib/labels/import-rows";

export interface ProjectRatings {
  /** The label set, in key order. */
  labels: string[];
  annotators: { id: string; name: string }[];
  /**
   * One entry per current label answer, as parallel arrays: the item's seq,
   * the annotator's index in `annotators`, the label's index in `labels`
   * (−1 for a multi-label answer: see `labelSets`).
   */
  itemSeq: Int32Array;
  annotator: Int32Array;
  label: Int32Array;
  /** Multi-label projects: each answer's labels, in the same order; null otherwise. */
  labelSets: string[][] | null;
  /** Adjudicated labels (excluded items are left out). */
  gold: { itemSeq: number; labels: string[] }[];
  itemCount: number;
  snapshotId: string;
}

export interface ImportResult {
  rows: number;
  /** New annotation or gold versions written. */
  written: number;
  /** Rows equal to what was already current, so skipped. */
  unchanged: number;
  /** Items that became unanimous and got their gold label automatically. */
  autoGold: number;
}

export interface LabelExport {
  snapshotId: string;
  projectName: string;
  /** Flat records with the same keys in the same order, ready for CSV or JSONL. */
  rows: Record<string, string | number | boolean>[];
}

/**
 * The labeling part of the Store (implemented in labels-sql.ts and the
 * label-*-sql.ts files). Every method throws StoreError: "not_found" for an
 * unknown project or item, "invalid" for a label outside the schema,
 * "conflict" for a stale version, a taken slot or a duplicate item id.
 */
export interface LabelStore {
  createProject(spec: ProjectSpec, createdBy: string): Promise<LabelProject>;
  listProjects(): Promise<LabelProject[]>;
  getProject(id: string): Promise<LabelProject>;
  /** All or nothing: a duplicate item id (in the batch or already stored) adds none. */
  addItems(projectId: string, req: AddItemsRequest): Promise<{ added: number; itemCount: number }>;
  /**
   * Leases up to `count` items for `userId`: first those it already holds,
   * then open slots, least-covered first. A lease keeps a slot for
   * LEASE_SECONDS so two labelers do not fill the same one.
   */
  nextItems(projectId: string, userId: string, count: number): Promise<QueueItem[]>;
  submit(projectId: string, seq: number, userId: string, req: SubmitRequest): Promise<SubmitResult>;
  progress(projectId: string, userId: string): Promise<Progress>;
  /** The user's current annotations, newest first, before annotation id `before` if given. */
  myHistory(projectId: string, userId: string, options: { before?: number; limit: number }): Promise<MyHistoryEntry[]>;
  /**
   * Items awaiting a reviewer: flagged ones (flagForReview) first, with their
   * reason, then disagreements with no gold label yet, worst agreement first.
   */
  reviewQueue(projectId: string, limit: number): Promise<ReviewItem[]>;
  /**
   * Sends rows to the review queue with a reason (label-flag-sql.ts), in one
   * transaction: an id already in the project keeps its data and is flagged
   * (reasons accumulate; a repeated one changes nothing), a new id is added as
   * a flagged item. The flag stays until a reviewer's decision or a gold
   * import settles the item; the decision keeps the reason (flagReason).
   */
  flagForReview(projectId: string, req: FlagForReviewRequest, userId: string): Promise<FlagForReviewResult>;
  adjudicate(projectId: string, seq: number, reviewerId: string, req: AdjudicateRequest): Promise<Adjudication>;
  itemHistory(projectId: string, seq: number): Promise<ItemHistory>;
  comment(projectId: string, seq: number, userId: string, body: string): Promise<ItemComment>;
  /** Every current label annotation and gold label: the input of the agreement statistics. */
  ratings(projectId: string): Promise<ProjectRatings>;
  /** Raw current annotations or gold labels, each row stamped with the snapshot id. */
  exportLabels(projectId: string, what: "raw" | "gold"): Promise<LabelExport>;
  /** All or nothing; rows equal to the current state are skipped (see label-import-sql.ts). */
  /** `importerId` is recorded in each new version's reason ("imported by …"). */
  importRaw(projectId: string, importerId: string, rows: readonly RawImportRow[]): Promise<ImportResult>;
  importGold(projectId: string, reviewerId: string, rows: readonly GoldImportRow[]): Promise<ImportResult>;
  /** Changes the label set and migrates answers and gold labels with a recorded change (label-change-sql.ts). */
  changeLabels(projectId: string, userId: string, change: LabelChange): Promise<LabelChangeResult>;
}
