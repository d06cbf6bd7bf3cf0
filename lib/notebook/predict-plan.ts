import type { ModelDetail, ModelVersion } from "@/lib/api/models";
import { isVersionTable, latestVersion, type DatasetVersion } from "@/lib/data/dataset";
import { isPlainName } from "@/lib/data/sql";

/**
 * What a predict cell's choices mean when it runs: which registry version
 * answers (the champion, resolved at run time, or the one named), and what
 * becomes of the output table's name. Pure, so the rules are tested without
 * React or a browser.
 */

/** The output table when the cell names none: `<table>_predictions`. */
export function defaultOutput(table: string): string {
  return table ? `${table}_predictions` : "";
}

/** The output field after the input table changes: follows the table while it holds the default (or nothing). */
export function outputAfterTableChange(output: string, oldTable: string, newTable: string): string {
  return output === "" || output === defaultOutput(oldTable) ? defaultOutput(newTable) : output;
}

export interface VersionChoice {
  /** null: the champion at run time. */
  value: number | null;
  label: string;
}

/** The version menu: "champion (vN)" first, then every blessed version, newest first, with the aliases on it. */
export function versionChoices(detail: ModelDetail): VersionChoice[] {
  const champion = detail.aliases.champion;
  const aliasesOf = (v: number) =>
    Object.entries(detail.aliases)
      .filter(([, n]) => n === v)
      .map(([a]) => a)
      .sort();
  const blessed = detail.versions.filter((v) => v.verdict.blessed).sort((a, b) => b.version - a.version);
  return [
    { value: null, label: champion === undefined ? "champion (none set)" : `champion (v${champion})` },
    ...blessed.map((v) => {
      const aliases = aliasesOf(v.version);
      return { value: v.version, label: aliases.length ? `v${v.version} (${aliases.join(", ")})` : `v${v.version}` };
    }),
  ];
}

/** The version that runs: the one named, or the champion now; an error in words when there is none that may run. */
export function resolveVersion(detail: ModelDetail, version: number | null): { kind: "ok"; version: ModelVersion } | { kind: "error"; message: string } {
  const n = version ?? detail.aliases.champion;
  if (n === undefined) return { kind: "error", message: `model ${detail.name} has no champion: pick a version, or point the champion alias at one on /models/${detail.name}` };
  const v = detail.versions.find((x) => x.version === n);
  if (!v) return { kind: "error", message: `model ${detail.name} has no version ${n}: pick another version` };
  if (!v.verdict.blessed) return { kind: "error", message: `version ${n} of ${detail.name} was vetoed by the validation gate; pick a blessed version` };
  return { kind: "ok", version: v };
}

export type OutputPlan =
  /** A name nothing has: the predictions become its first version. */
  | { kind: "new"; name: string }
  /** A loaded dataset of that name, replace confirmed: the predictions become its next version; earlier ones stay. */
  | { kind: "new-version"; name: string; replaces: number }
  /** A loaded dataset of that name, not yet confirmed. */
  | { kind: "confirm"; name: string; replaces: number; message: string }
  | { kind: "error"; message: string };

/**
 * Whether the output name may be used. DuckDB compares names without case,
 * so "Out" clashes with "out"; only a loaded dataset can be replaced (by a
 * new version, through the loader), never a table a SQL cell made.
 */
export function planOutput(output: string, input: string, relations: readonly { name: string }[], catalog: readonly DatasetVersion[], replace: boolean): OutputPlan {
  const name = output.trim() || defaultOutput(input);
  if (!name) return { kind: "error", message: "Name the output table." };
  if (!isPlainName(name)) return { kind: "error", message: `output table "${name}": use letters, digits and _ (not starting with a digit), at most 63 characters` };
  if (isVersionTable(name)) return { kind: "error", message: `output table "${name}": names ending in __v<number> are reserved for dataset versions` };
  if (name.toLowerCase() === input.toLowerCase()) return { kind: "error", message: `output table "${name}": the predictions need a table of their own, not the input table; choose another name` };
  const dataset = latestVersion(catalog, name);
  const other = relations.find((r) => r.name.toLowerCase() === name.toLowerCase() && r.name !== name) ?? (dataset ? undefined : relations.find((r) => r.name === name));
  if (other) return { kind: "error", message: `output table "${name}": "${other.name}" already exists and was not loaded as a dataset (a SQL cell made it, or only the case differs); choose another name, or DROP it in a SQL cell first` };
  if (!dataset) return { kind: "new", name };
  if (replace) return { kind: "new-version", name, replaces: dataset.version };
  return { kind: "confirm", name, replaces: dataset.version, message: `Table ${name} already exists. Replace it with these predictions? It becomes version ${dataset.version + 1}; earlier versions stay in the data panel.` };
}
