import { datePart, type DatePart } from "@/lib/features/date-parts";
import type { FeatureStats, InputStats, NumericStats } from "@/lib/onnx/feature-stats";
import { ksAgainstBins, wassersteinAgainstBins } from "./binned";
import { categoryCells, chiSquareGoodnessOfFit, jensenShannon } from "./categorical";
import { DriftError } from "./errors";
import { PSI_MAJOR, binCounts, psi } from "./psi";
import { normalisedWasserstein } from "./wasserstein";

/*
 * Drift of one model input over a window of live requests, judged against
 * the training statistics in the model's metadata. Small windows get tests
 * with a p-value (their noise is large, and a test accounts for it); large
 * windows get effect sizes, because there every test turns significant for
 * shifts too small to matter.
 */

/** Live values at or above this count are a large window: effect sizes, not tests. */
export const LARGE_WINDOW_ROWS = 1000;
/** Below this many live values an input is not judged (drifted: null), so a quiet hour never alarms. */
export const MIN_WINDOW_ROWS = 100;
/** A test alarms below this p-value: 1 %, not 5 %, because a monitor tests every input in every window. */
export const P_VALUE_ALARM = 0.01;
/** Normalised W1 alarm: live values moved on average a tenth of a training standard deviation. */
export const WASSERSTEIN_ALARM = 0.1;
/** Jensen–Shannon distance alarm (base 2, in [0, 1]): 0.1 is a 50/50 split turning about 62/38. */
export const JENSEN_SHANNON_ALARM = 0.1;
/** PSI alarm: Siddiqi's "significant shift" band, PSI_MAJOR = 0.25. */
export const PSI_ALARM = PSI_MAJOR;

export type DriftStatistic = "ks" | "psi" | "wasserstein" | "chi_square" | "jensen_shannon";

export interface DriftMeasure {
  statistic: DriftStatistic;
  /** KS D; PSI; W1 / training std; chi-square statistic; JS distance. NaN (null in JSON) when undefined. */
  value: number;
  pValue?: number;
  /** Whether this measure crossed its alarm; null when the input is not judged or the value is undefined. */
  drifted: boolean | null;
}

export interface InputDrift extends DriftMeasure {
  input: string;
  /** The date part, for a date input (one InputDrift per part). */
  part?: string;
  /** Live values the statistics saw: present ones for a number, every row for a category (missing is a cell). */
  rows: number;
  /** Every measure computed, the deciding one first; the input drifted when any of them did. */
  measures: DriftMeasure[];
}

/** One input's live column: numbers (epoch ms for a date) or text; null or NaN is missing. */
export type LiveValues = ArrayLike<number | string | null>;

export interface DriftOptions {
  /** Fewest live values to judge an input; default MIN_WINDOW_ROWS (100). */
  minRows?: number;
}

/**
 * The drift of one input: numbers get KS on the decile bins and PSI below
 * LARGE_WINDOW_ROWS, normalised W1 on the bins and PSI from there on
 * (binned.ts says why the bins and not the linear decile CDF); categories get
 * chi-square below, Jensen–Shannon from there on. A boolean is judged as the
 * two categories 0 and 1, counted from the training mean (the exact share of
 * ones), because its deciles put both values in the last bin when ones are
 * under 10 %. A date gives one result per part, each a number.
 */
export function driftOfInput(stats: InputStats, live: LiveValues, options: DriftOptions = {}): InputDrift[] {
  const minRows = options.minRows ?? MIN_WINDOW_ROWS;
  if (!(minRows >= 0)) throw new DriftError("invalid_option", `minimum rows must not be negative: ${minRows}`);
  switch (stats.kind) {
    case "numeric":
      return [numericDrift(stats.name, undefined, stats, numbers(stats.name, live), minRows)];
    case "boolean":
      return [booleanDrift(stats.name, stats, numbers(stats.name, live), minRows)];
    case "categorical": {
      const cells = categoryCells(stats, texts(stats.name, live));
      return [categoryDrift(stats.name, cells.training, cells.live, live.length, minRows)];
    }
    case "date": {
      const ms = numbers(stats.name, live);
      return stats.parts.map((p) => numericDrift(stats.name, p.part, p, ms.map((t) => datePart(p.part as DatePart, t)), minRows));
    }
  }
}

/**
 * A date input's drift from the parts the graph was fed (serving logs the
 * parts, not the date): `parts[p]` holds the live values of part p, by the
 * part names of the training statistics.
 */
export function driftOfDateParts(stats: Extract<InputStats, { kind: "date" }>, parts: Record<string, LiveValues>, options: DriftOptions = {}): InputDrift[] {
  const minRows = options.minRows ?? MIN_WINDOW_ROWS;
  return stats.parts.map((p) => {
    if (!Object.hasOwn(parts, p.part)) throw new DriftError("missing_input", `live window: no values for part "${p.part}" of input "${stats.name}"`);
    return numericDrift(stats.name, p.part, p, numbers(`${stats.name}.${p.part}`, parts[p.part]), minRows);
  });
}

function numericDrift(input: string, part: string | undefined, stats: NumericStats, values: Float64Array, minRows: number): InputDrift {
  const rows = values.reduce((n, v) => (Number.isNaN(v) ? n : n + 1), 0);
  const judged = rows >= minRows && stats.quantiles.length >= 2;
  const psiValue = stats.quantiles.length >= 2 ? psi(stats.counts, binCounts(values, stats.quantiles)) : NaN;
  const psiMeasure = measure("psi", psiValue, judged, psiValue >= PSI_ALARM);
  let first: DriftMeasure;
  if (rows < LARGE_WINDOW_ROWS) {
    const ks = stats.quantiles.length >= 2 ? ksAgainstBins(values, stats.quantiles, stats.counts) : { d: NaN, pValue: NaN };
    first = { ...measure("ks", ks.d, judged, ks.pValue < P_VALUE_ALARM), pValue: ks.pValue };
  } else {
    const w = stats.quantiles.length >= 2 ? normalisedWasserstein(wassersteinAgainstBins(values, stats.quantiles, stats.counts), stats.std) : NaN;
    first = measure("wasserstein", w, judged, w >= WASSERSTEIN_ALARM);
  }
  return result(input, part, rows, [first, psiMeasure], judged);
}

function booleanDrift(input: string, stats: NumericStats, values: Float64Array, minRows: number): InputDrift {
  const present = stats.count - stats.missing;
  // mean is rounded to six digits; the count of ones is a whole number.
  const ones = stats.mean === null ? 0 : Math.round(stats.mean * present);
  const live = [0, 0];
  let rows = 0;
  values.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    if (v !== 0 && v !== 1) throw new DriftError("kind_mismatch", `"${input}" value ${i}: expected 0, 1 or null, got ${v}`);
    live[v]++;
    rows++;
  });
  return categoryDrift(input, [present - ones, ones], live, rows, minRows);
}

function categoryDrift(input: string, training: number[], live: number[], rows: number, minRows: number): InputDrift {
  const judged = rows >= minRows;
  if (rows < LARGE_WINDOW_ROWS) {
    const chi = chiSquareGoodnessOfFit(training, live);
    return result(input, undefined, rows, [{ ...measure("chi_square", chi.statistic, judged, chi.pValue < P_VALUE_ALARM), pValue: chi.pValue }], judged);
  }
  const js = jensenShannon(training, live);
  return result(input, undefined, rows, [measure("jensen_shannon", js, judged, js >= JENSEN_SHANNON_ALARM)], judged);
}

function measure(statistic: DriftStatistic, value: number, judged: boolean, crossed: boolean): DriftMeasure {
  return { statistic, value, drifted: judged && !Number.isNaN(value) ? crossed : null };
}

function result(input: string, part: string | undefined, rows: number, measures: DriftMeasure[], judged: boolean): InputDrift {
  const verdicts = measures.map((m) => m.drifted).filter((d) => d !== null);
  const drifted = !judged || verdicts.length === 0 ? null : verdicts.some(Boolean);
  return { input, ...(part === undefined ? {} : { part }), rows, ...measures[0], drifted, measures };
}

/** Numbers from a live column: null and NaN are missing (NaN); text is an error. */
function numbers(input: string, live: LiveValues): Float64Array {
  return Float64Array.from({ length: live.length }, (_, i) => {
    const v = live[i];
    if (v === null) return NaN;
    if (typeof v !== "number") throw new DriftError("kind_mismatch", `"${input}" value ${i}: expected a number or null, got ${typeof v}`);
    return v;
  });
}

function texts(input: string, live: LiveValues): (string | null)[] {
  return Array.from({ length: live.length }, (_, i) => {
    const v = live[i];
    if (v !== null && typeof v !== "string") throw new DriftError("kind_mismatch", `"${input}" value ${i}: expected text or null, got ${typeof v}`);
    return v;
  });
}

export interface WindowDrift {
  inputs: InputDrift[];
  /** Results that were judged (drifted not null); a date part counts as one input. */
  judged: number;
  drifted: number;
  /** drifted / judged; null when nothing was judged. */
  driftedShare: number | null;
}

/** Every input's drift over one window; `live` maps each input name to its column. */
export function driftOfWindow(stats: FeatureStats, live: Record<string, LiveValues>, options: DriftOptions = {}): WindowDrift {
  const inputs = stats.inputs.flatMap((s) => {
    if (!Object.hasOwn(live, s.name)) throw new DriftError("missing_input", `live window: no values for input "${s.name}"`);
    return driftOfInput(s, live[s.name], options);
  });
  return windowOf(inputs);
}

/** A window's summary from its inputs' results. */
export function windowOf(inputs: InputDrift[]): WindowDrift {
  const judged = inputs.filter((d) => d.drifted !== null).length;
  const drifted = inputs.filter((d) => d.drifted === true).length;
  return { inputs, judged, drifted, driftedShare: judged === 0 ? null : drifted / judged };
}
