import { z } from "zod";

/**
 * Bodies and replies of /api/projects (labeling). Shared by the pages (to
 * parse replies) and the route handlers (to validate requests).
 */

/** A label's name: what number keys pick and what exports write. */
const labelName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(64, "at most 64 characters")
  .refine((s) => !/[\n\r\t\u0000]/.test(s), "must be one line")
  // "|" separates several labels in one CSV field (export and import).
  .refine((s) => !s.includes("|"), 'must not contain "|"');

/** Text PostgreSQL can store: any string without the NUL character. */
const text = (max: number) => z.string().max(max).refine((s) => !s.includes("\u0000"), "must not contain the NUL character");

/** Largest label set: number keys reach 1–9 and 0, letters are taken by commands. */
export const MAX_LABELS = 10;
/** Items per POST …/items request; larger projects are sent in several. */
export const MAX_ITEMS_PER_REQUEST = 5000;

export const displayColumnSchema = z.object({
  name: z.string().min(1),
  /** How the labeler view shows it; "image" takes a URL served by this app (a path starting with "/"). */
  kind: z.enum(["text", "number", "image"]),
});
export type DisplayColumn = z.infer<typeof displayColumnSchema>;

export const projectSourceSchema = z.object({
  kind: z.enum(["table", "query"]),
  /** The table name or the SQL text the items came from. */
  text: z.string().max(100_000),
  datasetFingerprint: z.string().optional(),
});

export const projectSpecSchema = z
  .object({
    name: text(200).pipe(z.string().trim().min(1, "must not be empty")),
    guidelines: text(100_000).default(""),
    labels: z
      .array(labelName)
      .min(2, "needs at least 2 labels")
      .max(MAX_LABELS, `at most ${MAX_LABELS} labels`)
      .refine((ls) => new Set(ls).size === ls.length, "labels must be distinct"),
    multiLabel: z.boolean().default(false),
    annotatorsPerItem: z.number().int().min(1).max(5),
    /** Share of items (0–1) that get `annotatorsPerItem` annotators; the rest get one. */
    overlapShare: z.number().min(0).max(1),
    /** Blind: labelers never see others' labels. */
    blind: z.boolean().default(true),
    /** Unanimous items (all `annotatorsPerItem` agree) get their gold label without review. */
    autoAdjudicate: z.boolean().default(false),
    idColumn: z.string().min(1),
    displayColumns: z.array(displayColumnSchema).min(1, "show at least one column").max(50),
    source: projectSourceSchema,
  })
  .strict();
export type ProjectSpec = z.infer<typeof projectSpecSchema>;
export type ProjectSpecInput = z.input<typeof projectSpecSchema>;

export interface LabelProject extends ProjectSpec {
  id: string;
  itemCount: number;
  revision: number;
  createdBy: string;
  createdAt: string;
}

const jsonScalar = z.union([text(100_000), z.number(), z.boolean(), z.null()]);
/** An item's id (the project's id column, as text) and its row: what loading items and flagging them share. */
const itemId = text(500).pipe(z.string().min(1));
const itemData = z.record(z.string(), jsonScalar);

export const addItemsRequestSchema = z
  .object({
    items: z
      .array(z.object({ id: itemId, data: itemData }).strict())
      .min(1)
      .max(MAX_ITEMS_PER_REQUEST, `at most ${MAX_ITEMS_PER_REQUEST} items per request`),
  })
  .strict();
export type AddItemsRequest = z.infer<typeof addItemsRequestSchema>;

/** Items per flag request (POST …/review): a monitoring window's worth, not a bulk load. */
export const MAX_FLAGS_PER_REQUEST = 1000;
/** Longest reason sent with one flagged item, in characters. */
export const MAX_FLAG_REASON = 2000;

/**
 * Sends rows to the review queue with a reason (monitoring, error analysis).
 * An id already in the project keeps its data (`data` is ignored) and is
 * flagged; a new id becomes a new item, flagged from the start.
 */
export const flagForReviewRequestSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            id: itemId,
            data: itemData,
            reason: text(MAX_FLAG_REASON).pipe(z.string().trim().min(1, "must not be empty")),
          })
          .strict(),
      )
      .min(1, "flag at least one item")
      .max(MAX_FLAGS_PER_REQUEST, `at most ${MAX_FLAGS_PER_REQUEST} items per request`),
  })
  .strict();
export type FlagForReviewRequest = z.infer<typeof flagForReviewRequestSchema>;

export interface FlagForReviewResult {
  /** Ids that were already in the project: now flagged (an identical open flag counts, and changes nothing). */
  flagged: number;
  /** Ids that were new: added as items, flagged. */
  added: number;
}

/** An open flag on a review item: why another part of the app sent it here. */
export interface ReviewFlag {
  /** Every distinct reason sent since the item was last settled, oldest first, one per line. */
  reason: string;
  /** Who sent the latest flag (display name); null if that user is gone. */
  flaggedBy: string | null;
  /** When the latest flag was sent (ISO 8601). */
  flaggedAt: string;
}

export const ANNOTATION_KINDS = ["label", "ambiguous", "skip", "retract"] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export const submitRequestSchema = z
  .object({
    kind: z.enum(ANNOTATION_KINDS),
    /** Chosen labels: one for single-label projects; none for skip and retract; ambiguous may name candidates. */
    labels: z.array(z.string()).max(MAX_LABELS).default([]),
    /** Why the item is ambiguous (required then), or why a change was made. */
    reason: text(2000).default(""),
    /** How long the item was on screen, in ms. */
    durationMs: z.number().int().min(0).max(86_400_000).default(0),
    /**
     * The version of this user's current annotation that the change starts
     * from; absent for a first annotation. A mismatch is a 409, so a double
     * submit or an edit from a stale tab cannot overwrite silently.
     */
    baseVersion: z.number().int().positive().optional(),
    /** Idempotency key chosen by the client: the same key twice stores one annotation. */
    clientId: z.string().min(8).max(100).optional(),
  })
  .strict();
export type SubmitRequest = z.infer<typeof submitRequestSchema>;

export interface Annotation {
  id: number;
  itemSeq: number;
  userId: string;
  userName: string;
  version: number;
  kind: AnnotationKind;
  labels: string[];
  reason: string;
  durationMs: number;
  createdAt: string;
}

export interface SubmitResult {
  annotation: Annotation;
  /** True when this clientId was already stored: nothing new was written. */
  duplicate: boolean;
  /** Set when this submit completed a unanimous item and the project adjudicates those automatically. */
  autoGold: string[] | null;
}

export interface QueueItem {
  seq: number;
  key: string;
  data: Record<string, string | number | boolean | null>;
  /** When this user's lease on the item runs out (ISO 8601). */
  leaseExpiresAt: string;
  /** Other annotators' current answers; only in projects that are not blind. */
  others?: { userName: string; kind: AnnotationKind; labels: string[] }[];
}

export interface Progress {
  items: number;
  /** Annotations the project needs in all (sum of per-item targets) and how many it has. */
  slotsTotal: number;
  slotsFilled: number;
  /** The asking user's own label and ambiguous annotations. */
  mine: number;
  gold: number;
  needsReview: number;
}

export const adjudicateRequestSchema = z
  .object({
    labels: z.array(z.string()).max(MAX_LABELS).default([]),
    /** Excluded as ambiguous: the item gets no gold label. */
    excluded: z.boolean().default(false),
    reason: text(2000).default(""),
    /** The gold version the reviewer saw (0 for none); a mismatch is a 409. */
    baseVersion: z.number().int().min(0),
  })
  .strict();
export type AdjudicateRequest = z.infer<typeof adjudicateRequestSchema>;

export interface Adjudication {
  id: number;
  itemSeq: number;
  version: number;
  /** Null for automatic (unanimous) adjudication. */
  reviewerId: string | null;
  reviewerName: string | null;
  labels: string[];
  excluded: boolean;
  reason: string;
  /** The open flag's reason this decision settled (flagForReview); null when the item was not flagged. */
  flagReason: string | null;
  createdAt: string;
}

export interface ReviewItem {
  seq: number;
  key: string;
  data: Record<string, string | number | boolean | null>;
  /** Every current annotation of kind label or ambiguous, with the annotator's name. */
  annotations: Annotation[];
  votes: Record<string, number>;
  /** Share of label annotations that chose the most chosen label. */
  topShare: number | null;
  goldVersion: number;
  /** Set when the item was sent for review with a reason; null when it is here only for disagreement. */
  flag: ReviewFlag | null;
}

export const commentRequestSchema = z.object({ body: text(5000).pipe(z.string().trim().min(1, "must not be empty")) }).strict();

export interface ItemComment {
  id: number;
  userName: string;
  body: string;
  createdAt: string;
}

export interface ItemHistory {
  seq: number;
  key: string;
  data: Record<string, string | number | boolean | null>;
  /** Every annotation version, oldest first. */
  annotations: Annotation[];
  adjudications: Adjudication[];
  comments: ItemComment[];
}

/** Items a user annotated, newest first: what the labeler's arrow keys walk through. */
export interface MyHistoryEntry {
  seq: number;
  key: string;
  data: Record<string, string | number | boolean | null>;
  annotation: Annotation;
}

/** Changing the label set; existing annotations and gold labels migrate with a recorded change. */
export const labelChangeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("add"), label: labelName }).strict(),
  z.object({ kind: z.literal("rename"), from: z.string(), to: labelName }).strict(),
  /** Answers with any of `from` now say `to` (which may be one of them, or new). */
  z.object({ kind: z.literal("merge"), from: z.array(z.string()).min(2), to: labelName }).strict(),
  /** `from` becomes several new labels; answers that chose it are withdrawn and their items requeued. */
  z.object({ kind: z.literal("split"), from: z.string(), into: z.array(labelName).min(2) }).strict(),
]);
export type LabelChange = z.infer<typeof labelChangeSchema>;

export interface LabelChangeResult {
  project: LabelProject;
  changeId: number;
  /** Items whose annotations or gold label changed. */
  affectedItems: number;
  /** Items back in the queue because answers were withdrawn (split). */
  requeuedItems: number;
}
