import type { Run } from "@/lib/api/runs";

/**
 * What differs between runs' settings: each run's config and lineage
 * flattened to dotted paths with display values, and the paths on which
 * the runs disagree. Values stay numbers and booleans where they are, so
 * the page can format them (and a test can compare them) exactly.
 */

export type ConfigValue = string | number | boolean | null;

/**
 * Display order of the keys known under a parent path, which follows the
 * train cell's form rather than the alphabet. Keys not listed come after,
 * alphabetically, so the order never depends on how the JSON was written.
 */
const KEY_ORDER: Record<string, readonly string[]> = {
  "": ["task", "target", "features", "weightColumn", "modelSpec", "split", "featureSpec", "source", "dataset", "environment", "labelSnapshot"],
  modelSpec: ["kind", "hidden", "activation", "dropout", "l2", "optimizer", "batchSize", "epochs", "earlyStopping", "classWeights", "seed"],
  "modelSpec.optimizer": ["kind", "learningRate", "momentum"],
  "modelSpec.earlyStopping": ["patience", "minDelta"],
  split: ["kind", "seed", "validation", "test", "groupColumn", "timeColumn"],
  dataset: ["name", "version", "fingerprint"],
};

/** A path as segments: object keys, or "[name]" for an item of a list of named objects (feature spec columns). */
type Segments = string[];

function joinPath(segments: Segments): string {
  return segments.reduce((p, s, i) => (i === 0 || s.startsWith("[") ? p + s : `${p}.${s}`), "");
}

const alphabetical = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareKeys(parent: string, a: string, b: string): number {
  const order = KEY_ORDER[parent] ?? [];
  const ra = order.indexOf(a);
  const rb = order.indexOf(b);
  if (ra >= 0 && rb >= 0) return ra - rb;
  if (ra >= 0 || rb >= 0) return ra >= 0 ? -1 : 1;
  return alphabetical(a, b);
}

/** Depth-first order: a parent's keys in compareKeys order, each subtree before the next key. */
function compareSegments(a: Segments, b: Segments): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return compareKeys(joinPath(a.slice(0, i)), a[i], b[i]);
  }
  return a.length - b.length;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON with object keys sorted, so two equal values always print the same. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort(alphabetical);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** A list of objects each with its own string `name` (feature spec columns): diffed item by item, matched by name. */
function namedItems(v: unknown[]): Record<string, unknown>[] | null {
  if (v.length === 0 || !v.every((x) => isRecord(x) && typeof x.name === "string")) return null;
  const items = v as Record<string, unknown>[];
  return new Set(items.map((x) => x.name)).size === items.length ? items : null;
}

function walk(v: unknown, at: Segments, out: { segments: Segments; value: ConfigValue }[]): void {
  const path = joinPath(at);
  if (v === undefined) return;
  if (v === null) {
    // No early stopping is a setting ("off"), not an absent one.
    out.push({ segments: at, value: path === "modelSpec.earlyStopping" ? "off" : null });
  } else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
    out.push({ segments: at, value: v });
  } else if (Array.isArray(v)) {
    if (path === "modelSpec.hidden") {
      out.push({ segments: at, value: v.length === 0 ? "none" : v.join(" × ") });
    } else if (path === "features") {
      // Which columns, not their order: the same set in another order trains the same model.
      out.push({ segments: at, value: v.map(String).sort(alphabetical).join(", ") });
    } else {
      const items = namedItems(v);
      if (items === null) out.push({ segments: at, value: stableJson(v) });
      else for (const { name, ...rest } of items) walk(rest, [...at, `[${name as string}]`], out);
    }
  } else if (isRecord(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    // An empty object is still a value the run recorded; keep its path.
    if (keys.length === 0) out.push({ segments: at, value: "{}" });
    for (const k of keys) walk(v[k], [...at, k], out);
  } else {
    out.push({ segments: at, value: stableJson(v) });
  }
}

function flattenEntries(run: Run): { segments: Segments; path: string; value: ConfigValue }[] {
  const entries: { segments: Segments; value: ConfigValue }[] = [];
  const d = run.dataset;
  walk(
    {
      ...run.config,
      // Runs from before weighting lack the key; null and absent both mean unweighted, so neither shows a path.
      weightColumn: run.config?.weightColumn ?? undefined,
      dataset: { name: d?.name, version: d?.version, fingerprint: d?.fingerprint },
      environment: { backend: run.environment?.backend },
      labelSnapshot: run.labelSnapshot,
    },
    [],
    entries,
  );
  return entries.sort((a, b) => compareSegments(a.segments, b.segments)).map((e) => ({ ...e, path: joinPath(e.segments) }));
}

/**
 * A run's settings as dotted paths (`modelSpec.optimizer.learningRate`,
 * `split.seed`, `featureSpec.columns[age].scale`, `dataset.fingerprint`)
 * to display values, in a stable order: known keys in form order, others
 * alphabetically. Hidden layers read "64 × 64" ("none" when empty), the
 * features as a sorted comma-separated list, other lists as stable JSON.
 */
export function flattenConfig(run: Run): Map<string, ConfigValue> {
  return new Map(flattenEntries(run).map((e) => [e.path, e.value]));
}

export interface ConfigDiffRow {
  path: string;
  /** One per run, in the order given; null where the run lacks the path. */
  values: ConfigValue[];
}

export interface ConfigDiff {
  /** Only the paths on which the runs differ, in flattenConfig's order. */
  rows: ConfigDiffRow[];
  /** Paths every run has with one same value ("12 settings identical"). */
  identical: number;
}

/**
 * The settings that differ across `runs`. A path some runs lack (SGD's
 * momentum next to an Adam run) differs even when the others all show
 * null, because "not set" and "set to null" are different configs.
 */
export function configDiff(runs: readonly Run[]): ConfigDiff {
  const flat = runs.map(flattenEntries);
  const union = new Map<string, Segments>();
  for (const entries of flat) for (const e of entries) if (!union.has(e.path)) union.set(e.path, e.segments);
  const paths = [...union].sort((a, b) => compareSegments(a[1], b[1])).map(([p]) => p);
  const maps = flat.map((entries) => new Map(entries.map((e) => [e.path, e.value])));
  const rows: ConfigDiffRow[] = [];
  let identical = 0;
  for (const path of paths) {
    const everyRunHasIt = maps.every((m) => m.has(path));
    const values = maps.map((m) => m.get(path) ?? null);
    if (everyRunHasIt && values.every((v) => v === values[0])) identical++;
    else rows.push({ path, values });
  }
  return { rows, identical };
}
