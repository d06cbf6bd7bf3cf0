import { parseTypeOverrides, type CsvOptions } from "./csv-options";
import { DEFAULT_MAX_BYTES } from "./formats";
import type { LoadRequest } from "./ingest";

/**
 * The "Load options" form as the user typed it. Every way a file arrives (the
 * picker, a drop on the page) goes through the same options.
 */
export interface LoadForm {
  tableName: string;
  /** One character; "\t" typed as backslash-t means a tab. Empty: detect. */
  delimiter: string;
  header: "auto" | "yes" | "no";
  /** "column: TYPE, …"; empty: detect. */
  types: string;
  /** Size limit in MiB, as typed. */
  maxMb: string;
}

export const DEFAULT_LOAD_FORM: LoadForm = { tableName: "", delimiter: "", header: "auto", types: "", maxMb: String(DEFAULT_MAX_BYTES / 1024 / 1024) };

/** The load request options the form stands for; throws with a user-facing message on a bad column-types entry. */
export function loadOptions(form: LoadForm): Pick<LoadRequest, "tableName" | "csv" | "maxBytes"> {
  const csv: CsvOptions = {
    ...(form.delimiter ? { delimiter: form.delimiter === "\\t" ? "\t" : form.delimiter } : {}),
    ...(form.header !== "auto" ? { header: form.header === "yes" } : {}),
    ...(form.types.trim() ? { types: parseTypeOverrides(form.types) } : {}),
  };
  const limit = Number(form.maxMb);
  return {
    tableName: form.tableName.trim() || undefined,
    csv,
    maxBytes: Number.isFinite(limit) && limit > 0 ? Math.round(limit * 1024 * 1024) : DEFAULT_MAX_BYTES,
  };
}
