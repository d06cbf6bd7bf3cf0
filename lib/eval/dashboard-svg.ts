import type { DashboardRow } from "./dashboard";
import { formatValue, isProportion, METRIC_LABELS } from "./dashboard-format";
import { escapeHtml } from "./escape-html";

/**
 * A row's trend as a standalone SVG string, for the HTML export: the page
 * draws its charts with Observable Plot, which needs a DOM, so the export
 * draws its own — a line through the versions' values, each with its
 * interval as a vertical bar, the current version filled, and the threshold
 * dashed. No scripts, no external references, no xmlns URL (inline SVG in
 * HTML needs none).
 */

export interface ChartSize {
  width: number;
  height: number;
}

const M = { top: 16, right: 20, bottom: 40, left: 64 };
const INK = "#1f2933";
const LINE = "#1f5fa8";
const GRID = "#d9dee5";
const THRESHOLD = "#9b1c1c";

/** The chart's accessible name and caption: "Accuracy of mobile users by version", "RMSE on all data by version". */
export function trendLabel(row: Pick<DashboardRow, "key" | "name" | "metric">): string {
  return `${METRIC_LABELS[row.metric]} ${row.key === "all" ? "on all data" : `of ${row.name}`} by version`;
}

export function trendSvg(row: DashboardRow, size: ChartSize = { width: 520, height: 220 }): string {
  const { width, height } = size;
  const label = escapeHtml(trendLabel(row));
  const open = `<svg role="img" aria-label="${label}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="11" fill="${INK}"><title>${label}</title>`;
  const points = row.trend;
  if (points.length === 0) return `${open}<text x="${width / 2}" y="${height / 2}" text-anchor="middle">No version has a value to plot.</text></svg>`;

  const limit = row.threshold === null ? null : (row.threshold.min ?? row.threshold.max ?? null);
  const [lo, hi] = domain([...points.flatMap((p) => [p.value, p.lower, p.upper]), limit], isProportion(row.metric));
  const innerW = width - M.left - M.right;
  const innerH = height - M.top - M.bottom;
  const x = (i: number) => M.left + ((i + 0.5) * innerW) / points.length;
  const y = (v: number) => M.top + innerH - ((v - lo) / (hi - lo)) * innerH;
  const n = (v: number) => v.toFixed(1);
  const parts: string[] = [open];

  for (const t of ticks(lo, hi)) {
    parts.push(`<line x1="${M.left}" x2="${width - M.right}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${GRID}"/>`);
    parts.push(`<text x="${M.left - 6}" y="${n(y(t))}" dy="0.32em" text-anchor="end">${escapeHtml(formatValue(row.metric, t))}</text>`);
  }
  parts.push(`<text transform="translate(12 ${n(M.top + innerH / 2)}) rotate(-90)" text-anchor="middle">${escapeHtml(METRIC_LABELS[row.metric])}</text>`);
  points.forEach((p, i) => parts.push(`<text x="${n(x(i))}" y="${height - M.bottom + 16}" text-anchor="middle">v${p.version}</text>`));
  parts.push(`<text x="${n(M.left + innerW / 2)}" y="${height - 6}" text-anchor="middle">version</text>`);

  if (limit !== null) {
    const ly = n(y(limit));
    parts.push(`<line x1="${M.left}" x2="${width - M.right}" y1="${ly}" y2="${ly}" stroke="${THRESHOLD}" stroke-dasharray="5 4"/>`);
    parts.push(`<text x="${width - M.right}" y="${ly}" dy="-4" text-anchor="end" fill="${THRESHOLD}">threshold ${escapeHtml(formatValue(row.metric, limit))}</text>`);
  }
  points.forEach((p, i) => {
    if (p.lower !== null && p.upper !== null) parts.push(`<line x1="${n(x(i))}" x2="${n(x(i))}" y1="${n(y(p.lower))}" y2="${n(y(p.upper))}" stroke="${LINE}" stroke-opacity="0.45" stroke-width="3"/>`);
  });
  parts.push(`<polyline fill="none" stroke="${LINE}" stroke-width="2" points="${points.map((p, i) => `${n(x(i))},${n(y(p.value))}`).join(" ")}"/>`);
  points.forEach((p, i) => {
    const title = `version ${p.version}: ${formatValue(row.metric, p.value)}${p.current ? " (current)" : ""}`;
    parts.push(`<circle cx="${n(x(i))}" cy="${n(y(p.value))}" r="${p.current ? 5 : 3.5}" fill="${p.current ? LINE : "#fff"}" stroke="${LINE}" stroke-width="2"><title>${escapeHtml(title)}</title></circle>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

/** The values' range, padded by a tenth (proportions kept within 0–1); never empty. */
function domain(values: (number | null)[], proportion: boolean): [number, number] {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.abs(hi) * 0.05 || 0.05;
  lo -= pad;
  hi += pad;
  if (proportion) [lo, hi] = [Math.max(0, lo), Math.min(1, hi)];
  return hi > lo ? [lo, hi] : [lo - 0.05, hi + 0.05];
}

/** About four round ticks (steps of 1, 2 or 5 × 10^k) inside [lo, hi]. */
export function ticks(lo: number, hi: number, count = 4): number[] {
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  // Rounded to the step's decimals so 0.30000000000000004 prints as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toFixed(decimals)));
  return out;
}
