import type { Column } from "./db";
import type { CsvOptions } from "./csv-options";
import type { FileFormat } from "./formats";

/** A dataset id is the logical table name users query (a view over the latest version). */
export type DatasetName = string & { readonly __brand: "DatasetName" };
export const DatasetName = (s: string) => s as DatasetName;

/** One load of one file: immutable once created. */
export interface DatasetVersion {
  name: DatasetName;
  version: number;
  /** Physical DuckDB table holding this version: `<name>__v<version>`. */
  physical: string;
  fileName: string;
  format: FileFormat;
  byteSize: number;
  rows: number;
  schema: Column[];
  /** SHA-256 of the source bytes, hex. */
  fingerprint: string;
  loadedAt: string;
  /** The CSV options used (as given, or as DuckDB detected them). */
  csv?: CsvOptions;
}

export function physicalName(name: string, version: number): string {
  return `${name}__v${version}`;
}

/** Whether a table name is one of the `<name>__v<N>` tables behind a dataset. */
export function isVersionTable(name: string): boolean {
  return /__v\d+$/.test(name);
}

export function versionsOf(catalog: readonly DatasetVersion[], name: string): DatasetVersion[] {
  return catalog.filter((v) => v.name === name).sort((a, b) => a.version - b.version);
}

export function latestVersion(catalog: readonly DatasetVersion[], name: string): DatasetVersion | undefined {
  const vs = versionsOf(catalog, name);
  return vs[vs.length - 1];
}
