"use client";

import { DATE_PARTS, type DatePart } from "@/lib/features/date-parts";
import type { ColumnSetting, FeatureSettings as Settings } from "@/lib/features/settings";
import { kindOfDuckType } from "@/lib/train/raw-from-arrow";

interface Props {
  features: string[];
  /** DuckDB's type per column, when the columns were loaded. */
  types: Record<string, string>;
  settings: Settings;
  onChange(settings: Settings): void;
}

/**
 * How each feature becomes model inputs, over the defaults (numbers: mean
 * fill, standard scaling; text: most frequent fill, one-hot of the top 20):
 * treat as another kind, the fill for missing values, scaling, top K.
 */
export function FeatureSettings({ features, types, settings, onChange }: Props) {
  const set = (col: string, patch: Partial<ColumnSetting>) => {
    const next = { ...settings[col], ...patch };
    for (const k of Object.keys(next) as (keyof ColumnSetting)[]) if (next[k] === undefined || next[k] === "") delete next[k];
    const all = { ...settings };
    if (Object.keys(next).length === 0) delete all[col];
    else all[col] = next;
    onChange(all);
  };
  return (
    <details className="feature-settings">
      <summary>Feature settings{Object.keys(settings).length > 0 ? ` (${Object.keys(settings).length} changed)` : ""}</summary>
      <table className="listing" aria-label="Feature settings">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Treat as</th>
            <th scope="col">Missing values</th>
            <th scope="col">Fill value</th>
            <th scope="col">Scaling</th>
            <th scope="col">Top K categories</th>
            <th scope="col">Date parts</th>
          </tr>
        </thead>
        <tbody>
          {features.map((f) => {
            const s = settings[f] ?? {};
            const type = types[f];
            const kind = s.treatAs ?? (type === undefined ? "unknown" : kindOfDuckType(type));
            return (
              <tr key={f}>
                <th scope="row">
                  {f}
                  {type ? <span className="hint"> {type}</span> : null}
                </th>
                <td>
                  <select aria-label={`Treat ${f} as`} value={s.treatAs ?? ""} onChange={(e) => set(f, { treatAs: (e.target.value || undefined) as ColumnSetting["treatAs"] })}>
                    <option value="">its type</option>
                    <option value="numeric">numbers</option>
                    <option value="categorical">categories</option>
                  </select>
                </td>
                <td>
                  <select aria-label={`Missing values of ${f}`} value={s.impute ?? ""} onChange={(e) => set(f, { impute: (e.target.value || undefined) as ColumnSetting["impute"] })}>
                    <option value="">default</option>
                    {(kind === "numeric" || kind === "unknown") && <option value="mean">mean</option>}
                    {(kind === "numeric" || kind === "unknown") && <option value="median">median</option>}
                    <option value="most_frequent">most frequent</option>
                    <option value="constant">a constant</option>
                  </select>
                </td>
                <td>{s.impute === "constant" && <input aria-label={`Fill value of ${f}`} value={s.constant ?? ""} size={8} onChange={(e) => set(f, { constant: e.target.value })} />}</td>
                <td>
                  {(kind === "numeric" || kind === "date" || kind === "unknown") && (
                    <select aria-label={`Scaling of ${f}`} value={s.scale ?? ""} onChange={(e) => set(f, { scale: (e.target.value || undefined) as ColumnSetting["scale"] })}>
                      <option value="">default (standard)</option>
                      <option value="standard">standard</option>
                      <option value="minmax">min-max</option>
                      <option value="none">none</option>
                    </select>
                  )}
                </td>
                <td>
                  {(kind === "categorical" || kind === "unknown") && (
                    <input
                      aria-label={`Top K categories of ${f}`}
                      type="number"
                      min={1}
                      max={1000}
                      placeholder="20"
                      value={s.topK ?? ""}
                      onChange={(e) => set(f, { topK: e.target.value === "" ? undefined : Math.max(1, Math.min(1000, Math.floor(Number(e.target.value)) || 1)) })}
                    />
                  )}
                </td>
                <td>
                  {kind === "date" && (
                    <select
                      multiple
                      size={3}
                      aria-label={`Date parts of ${f}`}
                      value={s.parts ?? ["year", "month", "dayofweek"]}
                      onChange={(e) => {
                        const parts = [...e.target.selectedOptions].map((o) => o.value as DatePart);
                        set(f, { parts: parts.length > 0 ? parts : undefined });
                      }}
                    >
                      {DATE_PARTS.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
