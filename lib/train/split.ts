/**
 * Train/validation/test splits: which rows a model learns from, which pick
 * its settings, and which judge it. Every kind is seeded so a run replays
 * the same split from its recorded spec. Rows without a target are dropped
 * first (they cannot be learned from or scored) and counted in the result.
 */
import { z } from "zod";
import type { RawColumn, RawTable, RawTarget } from "../features/raw";
import { Random } from "./random";
import { cutInOrder, splitSizes, type SplitParts } from "./split-apportion";
import { SplitError } from "./split-error";
import { splitByGroup } from "./split-group";
import { splitStratified } from "./split-stratified";
import { splitByTime } from "./split-time";

export { SplitError, type SplitErrorCode } from "./split-error";

/** Fewer rows than this leave too little in validation and test to say anything. */
export const MIN_SPLIT_ROWS = 10;

export const DEFAULT_VALIDATION_FRACTION = 0.15;
export const DEFAULT_TEST_FRACTION = 0.15;

const fraction = z.number().gt(0).lt(1);

export const splitSpecSchema = z
  .object({
    /**
     * random: shuffled rows. stratified: each class in the same proportions in
     * every split (classification only). group: every value of `groupColumn`
     * entirely in one split. time: the past trains, the future tests.
     */
    kind: z.enum(["random", "stratified", "group", "time"]),
    seed: z.number().int().min(0).max(0xffffffff),
    /** Share of rows with a target, in (0, 1); validation + test < 1. */
    validation: fraction.default(DEFAULT_VALIDATION_FRACTION),
    test: fraction.default(DEFAULT_TEST_FRACTION),
    groupColumn: z.string().min(1).optional(),
    timeColumn: z.string().min(1).optional(),
  })
  .refine((s) => s.validation + s.test < 1, {
    message: "validation + test must be below 1, leaving rows to train on",
    path: ["test"],
  })
  .refine((s) => s.kind !== "group" || s.groupColumn !== undefined, {
    message: "a group split needs groupColumn",
    path: ["groupColumn"],
  })
  .refine((s) => s.kind !== "time" || s.timeColumn !== undefined, {
    message: "a time split needs timeColumn",
    path: ["timeColumn"],
  });

export type SplitSpec = z.infer<typeof splitSpecSchema>;
/** A spec before defaults: the fractions may be left out. */
export type SplitSpecInput = z.input<typeof splitSpecSchema>;
export type SplitKind = SplitSpec["kind"];

export interface SplitResult {
  /** Row indexes into the table, ascending; disjoint; their union is every row with a target. */
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
  /** Rows left out because their target is missing. */
  droppedRows: number;
  /** What the user should know about how the split came out, when anything. */
  note?: string;
}

/**
 * Splits the rows of `table` that have a target. Throws SplitError for a spec
 * or a table that cannot be split as asked; never returns an empty split.
 */
export function splitRows(spec: SplitSpecInput, table: RawTable, target: RawTarget): SplitResult {
  const validation = spec.validation ?? DEFAULT_VALIDATION_FRACTION;
  const test = spec.test ?? DEFAULT_TEST_FRACTION;
  checkSpec(spec, validation, test);
  const length = target.kind === "classes" ? target.codes.length : target.values.length;
  if (length !== table.rowCount) {
    throw new SplitError("length_mismatch", `target "${target.name}" has ${length} rows; the table has ${table.rowCount}`);
  }
  // Resolve columns before looking at rows, so a typo is reported as a typo.
  const groupColumn = spec.kind === "group" ? findColumn(table, spec.groupColumn ?? "", "group column") : undefined;
  const timeColumn = spec.kind === "time" ? findColumn(table, spec.timeColumn ?? "", "time column") : undefined;
  if (timeColumn && timeColumn.kind !== "date" && timeColumn.kind !== "numeric") {
    throw new SplitError(
      "bad_column_kind",
      `time column "${timeColumn.name}" is ${timeColumn.kind}: a time split needs a date or numeric column`,
    );
  }
  if (spec.kind === "stratified" && target.kind === "values") {
    throw new SplitError(
      "stratify_regression",
      `stratified split needs a class target: "${target.name}" is numeric; use a random split, or bin the target into classes first`,
    );
  }

  const rows = rowsWithTarget(target);
  const droppedRows = table.rowCount - rows.length;
  if (target.kind === "classes") checkTwoClasses(target, rows);
  if (rows.length < MIN_SPLIT_ROWS) {
    throw new SplitError(
      "too_few_rows",
      `too few rows for the split: ${rows.length} rows with a target; need at least ${MIN_SPLIT_ROWS} for train/validation/test`,
    );
  }

  const rng = new Random(spec.seed);
  const sizes = splitSizes(rows.length, validation, test);
  let made: { parts: SplitParts; note?: string };
  switch (spec.kind) {
    case "random":
      made = { parts: cutInOrder(rng.shuffle(rows), sizes) };
      break;
    case "stratified":
      made = splitStratified(rows, target as Extract<RawTarget, { kind: "classes" }>, rng, [1 - validation - test, validation, test]);
      break;
    case "group":
      made = splitByGroup(rows, groupColumn as RawColumn, rng, sizes);
      break;
    case "time":
      made = splitByTime(rows, timeColumn as Extract<RawColumn, { kind: "date" | "numeric" }>, sizes);
      break;
    default: {
      const never: never = spec.kind;
      throw new SplitError("missing_option", `unknown split kind: ${String(never)}`);
    }
  }
  const [train, val, tst] = made.parts.map((p) => p.sort()) as SplitParts;
  const notes = [droppedRows > 0 ? `${droppedRows} rows without a target were left out` : "", made.note ?? ""].filter(Boolean);
  return { train, validation: val, test: tst, droppedRows, ...(notes.length > 0 ? { note: notes.join("; ") } : {}) };
}

/** Looks a column up by name; `role` names it in the error ("group column", "feature"). */
export function findColumn(table: RawTable, name: string, role: string): RawColumn {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new SplitError("unknown_column", `unknown ${role}: "${name}"`);
  return column;
}

function checkSpec(spec: SplitSpecInput, validation: number, test: number): void {
  if (!Number.isInteger(spec.seed) || spec.seed < 0 || spec.seed > 0xffffffff) {
    throw new SplitError("bad_seed", `seed must be an integer from 0 to 4294967295: ${spec.seed}`);
  }
  for (const [name, f] of [["validation", validation], ["test", test]] as const) {
    if (!(f > 0 && f < 1)) throw new SplitError("bad_fractions", `${name} fraction must be between 0 and 1 (exclusive): ${f}`);
  }
  if (validation + test >= 1) {
    throw new SplitError("bad_fractions", `validation + test must be below 1 to leave rows to train on: ${validation} + ${test}`);
  }
  if (spec.kind === "group" && !spec.groupColumn) throw new SplitError("missing_option", "a group split needs a group column");
  if (spec.kind === "time" && !spec.timeColumn) throw new SplitError("missing_option", "a time split needs a time column");
}

function rowsWithTarget(target: RawTarget): Int32Array {
  const n = target.kind === "classes" ? target.codes.length : target.values.length;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const present = target.kind === "classes" ? target.codes[i] >= 0 : !Number.isNaN(target.values[i]);
    if (present) out[k++] = i;
  }
  return out.slice(0, k);
}

function checkTwoClasses(target: Extract<RawTarget, { kind: "classes" }>, rows: Int32Array): void {
  if (rows.length === 0) return;
  const first = target.codes[rows[0]];
  for (const i of rows) if (target.codes[i] !== first) return;
  const label = target.classes[first] ?? String(first);
  throw new SplitError("one_class", `target "${target.name}" has one class only ("${label}"); a classifier needs at least two`);
}
