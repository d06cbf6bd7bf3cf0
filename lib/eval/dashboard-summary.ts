import type { SliceMetricName, SliceThreshold, StoredEstimate } from "@/lib/api/evaluation";
import { formatValue, LOWER_IS_BETTER, METRIC_LABELS } from "./dashboard-format";

/**
 * One plain-language sentence per dashboard row, for readers who do not
 * read confidence intervals: a change is called a fall or a rise only when
 * the two versions' intervals do not overlap; otherwise it is "about the
 * same", so noise is never reported as news.
 */

export type Verdict = "pass" | "fail" | "no threshold" | "no value";

export interface SummaryInput {
  /** The slice's name; null for All data. */
  name: string | null;
  metric: SliceMetricName;
  /** The current version. */
  version: number;
  estimate: StoredEstimate | null;
  /** Why there is no value, when there is none. */
  missing: string | null;
  /** The nearest earlier version with a value for the same slice and metric. */
  previous: { version: number; value: number; lower: number | null; upper: number | null } | null;
  threshold: SliceThreshold | null;
  verdict: Verdict;
}

export type Change = "fell" | "rose" | "held" | "about the same" | "unknown";

/** Held when both read the same once written; fell or rose only when the intervals are apart; unknown without intervals. */
export function changeBetween(
  metric: SliceMetricName,
  before: { value: number; lower: number | null; upper: number | null },
  after: { value: number; lower: number | null; upper: number | null },
): Change {
  if (formatValue(metric, before.value) === formatValue(metric, after.value)) return "held";
  if (before.lower === null || before.upper === null || after.lower === null || after.upper === null) return "unknown";
  const overlap = before.lower <= after.upper && after.lower <= before.upper;
  if (overlap) return "about the same";
  return after.value < before.value ? "fell" : "rose";
}

export function summarise(s: SummaryInput): string {
  const label = METRIC_LABELS[s.metric];
  const subject = `${label} ${s.name === null ? "on all data" : `for ${s.name}`}`;
  const v = s.version;
  const value = s.estimate?.value ?? null;
  if (value === null) return `${subject} has no value in version ${v}${s.missing ? `: ${stripStop(s.missing)}` : ""}.`;

  const now = formatValue(s.metric, value);
  const p = s.previous;
  // Name the earlier version only when it is not the one just before: "from 91% (version 4) to 84%".
  const was = p === null ? "" : `${formatValue(s.metric, p.value)}${p.version === v - 1 ? "" : ` (version ${p.version})`}`;
  // The threshold clause goes between the statement and any explanation after it.
  let sentence: string;
  let tail = "";
  if (p === null) {
    sentence = `${subject} is ${now} in version ${v}`;
    tail = "; no earlier version has it to compare with";
  } else {
    const after = { value, lower: s.estimate?.lower ?? null, upper: s.estimate?.upper ?? null };
    const change = changeBetween(s.metric, p, after);
    const direction = LOWER_IS_BETTER.has(s.metric) ? " (lower is better)" : "";
    switch (change) {
      case "fell":
      case "rose":
        sentence = `${subject} ${change} from ${was} to ${now} in version ${v}${direction}`;
        break;
      case "held":
        sentence = `${subject} held at ${now} in version ${v}`;
        break;
      case "about the same":
        sentence = `${subject} was about the same in version ${v} (${now}, against ${was}; the difference is within the margin of error)`;
        break;
      case "unknown":
        sentence = `${subject} went from ${was} to ${now} in version ${v}`;
        tail = " (no margin of error was recorded, so it is unclear whether that is a real change)";
        break;
      default: {
        const never: never = change;
        throw new Error(`unknown change: ${String(never)}`);
      }
    }
  }
  return `${sentence}${s.verdict === "fail" && s.threshold !== null ? `, ${thresholdClause(s.threshold)}` : ""}${tail}.`;
}

function thresholdClause(t: SliceThreshold): string {
  return t.min !== undefined ? `below its threshold of ${formatValue(t.metric, t.min)}` : `above its threshold of ${formatValue(t.metric, t.max ?? NaN)}`;
}

function stripStop(text: string): string {
  return text.trim().replace(/[.。]+$/, "");
}
