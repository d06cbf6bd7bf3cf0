import { z } from "zod";
import { TASKS } from "@/lib/train/model-spec";
import { runEvaluationSchema } from "./evaluation";
import { datasetRefSchema, environmentSchema, epochSchema, METRIC_NAMES, parityRecordSchema, RUN_STATUSES, runConfigSchema, type Run } from "./runs";

/**
 * The runs file: GET /api/runs/export writes it, POST /api/runs/import reads
 * it back, here or on another Lathe. Every part of a run is checked as
 * strictly as when it was recorded, so a hand-edited or foreign file is
 * refused with the path at fault ("runs.3.config.task: …") instead of being
 * stored half-understood. Metrics, weights and fitted features stay
 * free-form records, as the run routes take them.
 */

/** Runs per file, either way: an export stops here, an import refuses more. */
export const MAX_RUNS_PER_FILE = 1000;

/** Added to every imported run, so imports can be found (and filtered) in the list. */
export const IMPORTED_TAG = "imported";

/** Tags a run may carry besides IMPORTED_TAG: the run routes' limit. */
const MAX_TAGS = 20;

const nul = (s: string) => !s.includes("\u0000");
const text = (max: number) => z.string().max(max).refine(nul, "must not contain the NUL character");

// PostgreSQL's timestamptz has no year 0 and a file from before the Unix
// epoch is a hand-edit gone wrong; refusing both here keeps them from
// failing the import half-way through the transaction.
const timestamp = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00.000Z" })
  .refine((s) => Date.parse(s) >= 0, "must not be before 1970");

const tagsSchema = z
  .array(text(50).pipe(z.string().trim().min(1)))
  .refine((tags) => tags.filter((t) => t !== IMPORTED_TAG).length <= MAX_TAGS, `at most ${MAX_TAGS} tags (besides "${IMPORTED_TAG}")`);

const record = z.record(z.string(), z.unknown());

export const exportedRunSchema = z
  .object({
    id: z.uuid(),
    name: text(200).pipe(z.string().trim().min(1, "must not be empty")),
    status: z.enum(RUN_STATUSES),
    task: z.enum(TASKS),
    datasetName: text(500),
    metricName: z.enum(METRIC_NAMES),
    primaryMetric: z.number().nullable(),
    tags: tagsSchema,
    createdAt: timestamp,
    finishedAt: timestamp.nullable(),
    /** Who recorded it where it came from; the import replaces it with the importer. */
    createdBy: z.uuid(),
    config: runConfigSchema,
    dataset: datasetRefSchema,
    labelSnapshot: text(300).nullable(),
    environment: environmentSchema,
    metrics: record.nullable(),
    curves: z.array(epochSchema).max(10_000),
    weights: record.nullable(),
    fittedFeatures: record.nullable(),
    timings: z.record(z.string(), z.number()).nullable(),
    error: z.object({ code: text(50), message: text(2000) }).strict().nullable(),
    notes: text(20_000),
    parentId: z.uuid().nullable(),
    /** Absent in files from before export checks existed. */
    parity: parityRecordSchema.nullable().default(null),
    /** Absent in files from before evaluations were stored. */
    evaluation: runEvaluationSchema.nullable().default(null),
    updatedAt: timestamp,
  })
  .strict()
  .superRefine((r, ctx) => {
    // The columns the list sorts and filters by must agree with what they summarise.
    const metric = r.config.task === "regression" ? "rmse" : "accuracy";
    if (r.task !== r.config.task) ctx.addIssue({ code: "custom", path: ["task"], message: `must equal config.task (${r.config.task})` });
    if (r.metricName !== metric) ctx.addIssue({ code: "custom", path: ["metricName"], message: `must be ${metric} for a ${r.config.task} run` });
    if (r.datasetName !== r.dataset.name) ctx.addIssue({ code: "custom", path: ["datasetName"], message: "must equal dataset.name" });
    if (r.status === "running" && r.finishedAt !== null) ctx.addIssue({ code: "custom", path: ["finishedAt"], message: "must be null while the run is running" });
    if (r.status !== "running" && r.finishedAt === null) ctx.addIssue({ code: "custom", path: ["finishedAt"], message: `required for a ${r.status} run` });
    if (r.parentId === r.id) ctx.addIssue({ code: "custom", path: ["parentId"], message: "a run cannot be its own parent" });
  }) satisfies z.ZodType<Run>;

export const runExportSchema = z
  .object({
    format: z.literal("lathe-runs", { error: 'not a Lathe runs file (expected "lathe-runs")' }),
    version: z.literal(1, { error: "unsupported version: this Lathe reads version 1" }),
    exportedAt: timestamp,
    runs: z.array(exportedRunSchema).max(MAX_RUNS_PER_FILE, `at most ${MAX_RUNS_PER_FILE} runs per file; export fewer at a time`),
  })
  .strict()
  .superRefine((file, ctx) => {
    const first = new Map<string, number>();
    file.runs.forEach((r, i) => {
      const at = first.get(r.id);
      if (at === undefined) first.set(r.id, i);
      else ctx.addIssue({ code: "custom", path: ["runs", i, "id"], message: `same id as runs.${at}: ${r.id}` });
    });
  });

export interface RunExport {
  format: "lathe-runs";
  version: 1;
  exportedAt: string;
  runs: Run[];
}

/** The reply of POST /api/runs/import. */
export interface RunImportResult {
  /** Runs written. */
  imported: number;
  /** Ids already in the store: left as they were, not overwritten. */
  skipped: string[];
  /**
   * Imported runs whose parent (Re-run of) was neither in the file nor in
   * the store: their parentId is now null, since the link cannot point
   * at nothing.
   */
  unlinked: string[];
}

export function runExport(runs: Run[], exportedAt: Date): RunExport {
  return { format: "lathe-runs", version: 1, exportedAt: exportedAt.toISOString(), runs };
}

/** The download name: lathe-runs-YYYYMMDD.json, by the UTC date of the export. */
export function runExportFileName(exportedAt: Date): string {
  return `lathe-runs-${exportedAt.toISOString().slice(0, 10).replaceAll("-", "")}.json`;
}
