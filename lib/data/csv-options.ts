import { quoteLiteral } from "./sql";

/** What a user may override when loading CSV/TSV; anything unset is sniffed by DuckDB. */
export interface CsvOptions {
  /** Single character or "\t". */
  delimiter?: string;
  header?: boolean;
  /** Column name → DuckDB type, e.g. {zip: "VARCHAR"}. */
  types?: Record<string, string>;
}

const TYPE_RE = /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\])?$/;

/**
 * Builds the read_csv(...) call for a registered file. DuckDB's sniffer alone
 * is lenient in ways that lose data (it skips leading rows that don't fit and
 * reads unbalanced quotes as text), so loading passes `strict: true` with the
 * dialect pinned: any ragged row or broken quote then fails the whole load.
 */
export function readCsvSql(path: string, opts: CsvOptions, defaultDelimiter?: string, strict = false): string {
  const args = [quoteLiteral(path), "auto_detect = true"];
  if (strict) args.push("skip = 0", `quote = '"'`, `escape = '"'`, "strict_mode = true", "null_padding = false");
  const delim = opts.delimiter ?? defaultDelimiter;
  if (delim !== undefined) {
    if (delim.length !== 1) throw new Error(`delimiter: must be one character, got ${JSON.stringify(delim)}`);
    args.push(`delim = ${quoteLiteral(delim)}`);
  }
  if (opts.header !== undefined) args.push(`header = ${opts.header ? "true" : "false"}`);
  if (opts.types && Object.keys(opts.types).length > 0) {
    const entries = Object.entries(opts.types).map(([col, type]) => {
      if (!TYPE_RE.test(type)) throw new Error(`type for ${col}: not a DuckDB type name: ${JSON.stringify(type)}`);
      return `${quoteLiteral(col)}: ${quoteLiteral(type)}`;
    });
    args.push(`types = {${entries.join(", ")}}`);
  }
  return `read_csv(${args.join(", ")})`;
}

/** Parses the "col: TYPE, col2: TYPE" text field of the load form. */
export function parseTypeOverrides(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  // Commas inside parentheses belong to the type: DECIMAL(10,2).
  for (const part of text.split(/,(?![^(]*\))/)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const idx = trimmed.lastIndexOf(":");
    if (idx <= 0) throw new Error(`column types: expected "column: TYPE", got ${JSON.stringify(trimmed)}`);
    const col = trimmed.slice(0, idx).trim();
    const type = trimmed.slice(idx + 1).trim().toUpperCase();
    if (!TYPE_RE.test(type)) throw new Error(`column types: ${JSON.stringify(type)} is not a DuckDB type`);
    out[col] = type;
  }
  return out;
}

/** Makes DuckDB's multi-paragraph CSV error short: "line N: problem". */
export function describeCsvError(fileName: string, message: string): string {
  const line = /Line:\s*(\d+)/i.exec(message)?.[1];
  const first = message
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean)
    .filter((s) => !/^(Invalid Input Error|Conversion Error):?$/i.test(s))[0]
    ?.replace(/^(Invalid Input Error|Conversion Error):\s*/i, "")
    .replace(/^Error when sniffing file "[^"]*"\.?\s*/i, "")
    ?? message;
  const hint = /column|delimiter|quote|sniff/i.test(message)
    ? "; check the delimiter, header and quoting options, or fix the file"
    : "; fix the file or override the column types";
  return `${fileName}${line ? `: line ${line}` : ""}: ${first}${hint}`;
}

