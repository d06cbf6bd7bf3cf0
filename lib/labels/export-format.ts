/** Writing flat records as CSV (RFC 4180) or JSON Lines, the two open formats labels export to. */

export type FlatValue = string | number | boolean | null;

function csvField(v: FlatValue): string {
  if (v === null) return "";
  const s = String(v);
  // Quote when the field holds a delimiter, quote or line break, or has
  // leading/trailing spaces that a reader might trim.
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header from `columns`; rows missing a column get an empty field. Lines end with CRLF as RFC 4180 says. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, FlatValue>[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c] ?? null)).join(","));
  return lines.join("\r\n") + "\r\n";
}

export function toJsonl(rows: readonly Record<string, FlatValue>[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
}

export const RAW_COLUMNS = [
  "item_id", "item_seq", "annotator", "annotator_name", "kind", "label", "reason", "version", "duration_ms", "created_at", "label_snapshot",
] as const;
export const GOLD_COLUMNS = ["item_id", "item_seq", "label", "excluded", "reviewer", "reason", "version", "created_at", "label_snapshot"] as const;
