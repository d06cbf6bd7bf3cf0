import { z } from "zod";
import { DATE_PARTS } from "./date-parts";
import { defaultSpecFor } from "./default-spec";
import { FeatureSpecError } from "./errors";
import type { RawColumn, RawTable } from "./raw";
import { featureSpecSchema, type ColumnSpec, type FeatureSpec } from "./spec";

/**
 * What a person changes from the default spec (default-spec.ts), per column,
 * as the train cell keeps it: treat a column as another kind, how to fill
 * its missing values, how to scale it, how many categories get a slot.
 * Unset fields keep the default, so a cell stays small and readable.
 */
export const columnSettingSchema = z
  .object({
    /** Numbers as categories (codes, zip codes), or text as numbers (a column typed as text that holds numbers). */
    treatAs: z.enum(["numeric", "categorical"]).optional(),
    impute: z.enum(["mean", "median", "most_frequent", "constant"]).optional(),
    /** The fill for "constant": a number for numeric columns, the text itself for categories. */
    constant: z.string().max(200).optional(),
    scale: z.enum(["standard", "minmax", "none"]).optional(),
    topK: z.number().int().min(1).max(1000).optional(),
    /** Dates: which calendar parts become inputs. */
    parts: z.array(z.enum(DATE_PARTS)).min(1).max(DATE_PARTS.length).optional(),
  })
  .strict();
export type ColumnSetting = z.infer<typeof columnSettingSchema>;
export const featureSettingsSchema = z.record(z.string().max(256), columnSettingSchema);
export type FeatureSettings = z.infer<typeof featureSettingsSchema>;

/**
 * A column recast to the kind its setting asks for, before fitting: numbers
 * become categories by their text; text becomes numbers where every present
 * value parses as one, else the error names the first value that does not.
 */
export function recastColumn(c: RawColumn, as: ColumnSetting["treatAs"]): RawColumn {
  if (!as || as === c.kind) return c;
  if (as === "categorical") {
    if (c.kind !== "numeric" && c.kind !== "boolean") throw new FeatureSpecError("invalid_spec", `feature "${c.name}": a ${c.kind} column cannot be treated as categories`);
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(c.values.length);
    for (let i = 0; i < codes.length; i++) {
      const v = c.values[i];
      const missing = c.kind === "numeric" ? Number.isNaN(v) : v === -1;
      if (missing) {
        codes[i] = -1;
        continue;
      }
      const s = c.kind === "boolean" ? (v === 1 ? "true" : "false") : String(v);
      let k = index.get(s);
      if (k === undefined) index.set(s, (k = dictionary.push(s) - 1));
      codes[i] = k;
    }
    return { kind: "categorical", name: c.name, codes, dictionary };
  }
  if (c.kind !== "categorical") throw new FeatureSpecError("invalid_spec", `feature "${c.name}": a ${c.kind} column cannot be treated as numbers`);
  const parsed = c.dictionary.map((s) => (s.trim() === "" ? NaN : Number(s)));
  const bad = c.dictionary.findIndex((s, i) => s.trim() !== "" && !Number.isFinite(parsed[i]));
  if (bad !== -1) {
    const row = c.codes.indexOf(bad);
    throw new FeatureSpecError("kind_mismatch", `feature "${c.name}" was chosen as numeric, but row ${row + 1} holds "${c.dictionary[bad]}", which is not a number; treat it as categorical, or clean the column in SQL`);
  }
  const values = Float64Array.from(c.codes, (k) => (k === -1 ? NaN : parsed[k]));
  return { kind: "numeric", name: c.name, values };
}

/** The table with every column recast as its setting says. */
/** The per-column settings a run recorded with its feature spec (`{ settings }`), when there are readable ones. */
export function recordedSettings(featureSpec: Record<string, unknown>): FeatureSettings | undefined {
  const r = featureSettingsSchema.safeParse(featureSpec.settings);
  return r.success && Object.keys(r.data).length > 0 ? r.data : undefined;
}

export function recastTable(table: RawTable, settings: FeatureSettings): RawTable {
  return { rowCount: table.rowCount, columns: table.columns.map((c) => recastColumn(c, settings[c.name]?.treatAs)) };
}

/** The default spec for these (already recast) columns with each column's settings applied; the result is validated. */
export function specWithSettings(columns: RawColumn[], settings: FeatureSettings): FeatureSpec {
  const spec = { columns: defaultSpecFor(columns).columns.map((c) => applySetting(c, settings[c.name] ?? {})) };
  const r = featureSpecSchema.safeParse(spec);
  if (!r.success) throw new FeatureSpecError("invalid_spec", `feature settings: ${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}`);
  return r.data;
}

function applySetting(c: ColumnSpec, s: ColumnSetting): ColumnSpec {
  const bad = (what: string) => new FeatureSpecError("invalid_spec", `feature "${c.name}": ${what}`);
  switch (c.kind) {
    case "numeric": {
      let impute = c.impute;
      if (s.impute === "constant") {
        const v = Number(s.constant ?? "");
        if (s.constant === undefined || s.constant.trim() === "" || !Number.isFinite(v)) throw bad(`the constant fill "${s.constant ?? ""}" is not a number`);
        impute = { strategy: "constant", value: v };
      } else if (s.impute) impute = { strategy: s.impute };
      return { ...c, impute, scale: s.scale ?? c.scale };
    }
    case "categorical": {
      if (s.impute === "mean" || s.impute === "median") throw bad(`categories cannot be filled with the ${s.impute}; use the most frequent value or a constant`);
      const impute = s.impute === "constant" ? { strategy: "constant" as const, value: s.constant ?? "" } : c.impute;
      if (impute.strategy === "constant" && impute.value === "") throw bad("the constant fill is empty");
      return { ...c, impute, topK: s.topK ?? c.topK };
    }
    case "boolean": {
      if (s.impute === "constant") {
        const t = (s.constant ?? "").trim().toLowerCase();
        if (t !== "true" && t !== "false") throw bad(`the constant fill "${s.constant ?? ""}" is not true or false`);
        return { ...c, impute: { strategy: "constant", value: t === "true" } };
      }
      return c;
    }
    case "date":
      return { ...c, parts: s.parts ? [...new Set(s.parts)] : c.parts, scale: s.scale ?? c.scale };
  }
}
