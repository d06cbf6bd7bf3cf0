import type { Dashboard, DashboardRow } from "./dashboard";
import { dashboardNotice, describeCurrent, formatLevel, formatThreshold, METRIC_LABELS, rowCountText, rowValueText, VERDICT_TEXT } from "./dashboard-format";
import { trendLabel, trendSvg } from "./dashboard-svg";
import { escapeHtml as h } from "./escape-html";

/**
 * The dashboard as one self-contained HTML file to mail or archive: inline
 * CSS, charts as inline SVG, no scripts and no external URLs — a Content
 * Security Policy that forbids both makes sure of it even if a later change
 * slipped one in. Every user-typed string (model and slice names, slice
 * definitions) is escaped.
 */

const CSS = `
body { font-family: system-ui, sans-serif; color: #1f2933; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.1rem; margin-top: 1.6rem; }
.meta, .note { color: #52606d; font-size: 0.9rem; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 0.6rem 0; }
th, td { border-bottom: 1px solid #d9dee5; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #eef1f5; }
code { font-size: 0.8rem; color: #52606d; }
.pass { color: #1d6b32; font-weight: 600; }
.fail { color: #9b1c1c; font-weight: 600; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; margin-bottom: 0.3rem; }
`;

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

export function dashboardHtml(d: Dashboard, exportedAt: Date): string {
  const heading = d.kind === "no-versions" ? d.model : `${d.model}, ${describeCurrent(d.current)}`;
  const notice = dashboardNotice(d);
  const body: string[] = [`<h1>${h(d.model)}</h1>`];
  if (d.kind !== "no-versions") body.push(`<p class="meta">Showing ${h(describeCurrent(d.current))}.</p>`);
  if (d.kind === "ready") body.push(`<p class="meta">Evaluated on the ${h(d.split)} split on ${h(when(d.evaluatedAt))}. Exported ${h(when(exportedAt.toISOString()))}.</p>`);
  if (notice !== null) body.push(`<p class="note">${h(notice)}</p>`);
  if (d.kind === "ready") {
    body.push(table(d.rows, d.level));
    body.push(`<h2>Summary</h2><ul>${d.summary.map((s) => `<li>${h(s)}</li>`).join("")}</ul>`);
    body.push(`<h2>Trends across versions</h2>`);
    for (const r of d.rows) body.push(`<figure><figcaption>${h(trendLabel(r))}</figcaption>${trendSvg(r)}</figure>`);
  }
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Dashboard: ${h(heading)}</title>`,
    `<style>${CSS}</style>`,
    "</head><body>",
    ...body,
    "</body></html>",
    "",
  ].join("\n");
}

function table(rows: DashboardRow[], level: number | null): string {
  const interval = level === null ? "interval" : `${formatLevel(level)} interval`;
  const head = ["Slice", "Rows", "Metric", `Value (${interval})`, "Threshold", "Result"].map((c) => `<th scope="col">${h(c)}</th>`).join("");
  const body = rows
    .map((r) => {
      const name = r.definition === null ? h(r.name) : `${h(r.name)}<br><code>${h(r.definition)}</code>`;
      const cls = r.verdict === "pass" || r.verdict === "fail" ? ` class="${r.verdict}"` : "";
      return `<tr><th scope="row">${name}</th><td>${h(rowCountText(r))}</td><td>${h(METRIC_LABELS[r.metric])}</td><td>${h(rowValueText(r))}</td><td>${h(formatThreshold(r.threshold))}</td><td${cls}>${h(VERDICT_TEXT[r.verdict])}</td></tr>`;
    })
    .join("");
  return `<table aria-label="Pinned slices"><caption>Pinned slices</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
