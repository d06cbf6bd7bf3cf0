import type { AddItemsRequest, AdjudicateRequest, FlagForReviewRequest, LabelChange, ProjectSpec, SubmitRequest } from "@/lib/api/labels";
import type { GoldImportRow, RawImportRow } from "@/lib/labels/import-rows";
import { changeLabels } from "./label-change-sql";
import { exportLabels } from "./label-export-sql";
import { flagForReview } from "./label-flag-sql";
import { refreshLabelStatistics } from "./label-maintenance";
import { importGold, importRaw } from "./label-import-sql";
import { addItems, createProject, getProject, listProjects } from "./label-projects-sql";
import { myHistory, nextItems, progress } from "./label-queue-sql";
import { ratings } from "./label-ratings-sql";
import { adjudicate, comment, itemHistory, reviewQueue } from "./label-review-sql";
import { submit } from "./label-submit-sql";
import type { LabelStore } from "./labels";
import type { SqlDatabase } from "./sql";
import type { Guard } from "./guard";

/** The LabelStore over SQL: each method is written once in a label-*-sql.ts file. */
export class SqlLabelStore implements LabelStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly guard: Guard,
  ) {}

  createProject = (spec: ProjectSpec, createdBy: string) => this.guard(() => createProject(this.db, spec, createdBy));
  listProjects = () => this.guard(() => listProjects(this.db));
  getProject = (id: string) => this.guard(() => getProject(this.db, id));
  addItems = (projectId: string, req: AddItemsRequest) => this.guard(() => this.#bulk("added", addItems(this.db, projectId, req)));
  nextItems = (projectId: string, userId: string, count: number) => this.guard(() => nextItems(this.db, projectId, userId, count));
  submit = (projectId: string, seq: number, userId: string, req: SubmitRequest) =>
    this.guard(() => submit(this.db, projectId, seq, userId, req));
  progress = (projectId: string, userId: string) => this.guard(() => progress(this.db, projectId, userId));
  myHistory = (projectId: string, userId: string, options: { before?: number; limit: number }) =>
    this.guard(() => myHistory(this.db, projectId, userId, options));
  reviewQueue = (projectId: string, limit: number) => this.guard(() => reviewQueue(this.db, projectId, limit));
  flagForReview = (projectId: string, req: FlagForReviewRequest, userId: string) =>
    this.guard(async () => {
      const result = await flagForReview(this.db, projectId, req, userId);
      // Only new items change the table's shape enough to matter to the planner (see #bulk).
      if (result.added > 0) await refreshLabelStatistics(this.db, "added");
      return result;
    });
  adjudicate = (projectId: string, seq: number, reviewerId: string, req: AdjudicateRequest) =>
    this.guard(() => adjudicate(this.db, projectId, seq, reviewerId, req));
  itemHistory = (projectId: string, seq: number) => this.guard(() => itemHistory(this.db, projectId, seq));
  comment = (projectId: string, seq: number, userId: string, body: string) => this.guard(() => comment(this.db, projectId, seq, userId, body));
  ratings = (projectId: string) => this.guard(() => ratings(this.db, projectId));
  exportLabels = (projectId: string, what: "raw" | "gold") => this.guard(() => exportLabels(this.db, projectId, what));
  importRaw = (projectId: string, importerId: string, rows: readonly RawImportRow[]) =>
    this.guard(() => this.#bulk("updated", importRaw(this.db, projectId, importerId, rows)));
  importGold = (projectId: string, reviewerId: string, rows: readonly GoldImportRow[]) =>
    this.guard(() => this.#bulk("updated", importGold(this.db, projectId, reviewerId, rows)));
  changeLabels = (projectId: string, userId: string, change: LabelChange) =>
    this.guard(() => this.#bulk("updated", changeLabels(this.db, projectId, userId, change)));

  /** After a committed bulk write: fresh planner statistics, so the queue keeps using its index. */
  async #bulk<T>(kind: "added" | "updated", write: Promise<T>): Promise<T> {
    const result = await write;
    await refreshLabelStatistics(this.db, kind);
    return result;
  }
}
