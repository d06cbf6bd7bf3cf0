import type { Disagreement } from "./traffic";

/**
 * What shadow traffic found on this app instance since it started, per
 * model and challenger version: how many requests and rows the challenger
 * also answered, and how far it disagreed with the champion (the share of
 * rows with another label, or the mean absolute difference of values).
 * In memory: the sampled request log that survives restarts is the
 * monitoring's job.
 */
export interface ShadowStats {
  challenger: number;
  requests: number;
  rows: number;
  kind: Disagreement["kind"] | null;
  /** Labels: share of rows that differ; regression: mean |Δ value|. Null before the first shadowed request. */
  disagreement: number | null;
  errors: number;
}

const stats = new Map<string, { challenger: number; requests: number; rows: number; kind: Disagreement["kind"] | null; sum: number; errors: number }>();

export function recordShadow(model: string, challenger: number, d: Disagreement | null): void {
  const key = `${model}@${challenger}`;
  const s = stats.get(key) ?? { challenger, requests: 0, rows: 0, kind: null, sum: 0, errors: 0 };
  if (d === null) s.errors++;
  else {
    s.requests++;
    s.rows += d.rows;
    s.kind = d.kind;
    s.sum += d.value * d.rows;
  }
  stats.set(key, s);
}

export function shadowStats(model: string): ShadowStats[] {
  return [...stats.entries()]
    .filter(([k]) => k.startsWith(`${model}@`))
    .map(([, s]) => ({ challenger: s.challenger, requests: s.requests, rows: s.rows, kind: s.kind, disagreement: s.rows > 0 ? s.sum / s.rows : null, errors: s.errors }));
}
