/** SQL text helpers shared by ingestion, profiling and the notebook. */

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Splits a script into statements on top-level semicolons, honouring quotes,
 * quoted identifiers, dollar quotes and both comment styles. Empty statements
 * (only whitespace/comments) are dropped.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  let hasCode = false;
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === "-" && next === "-") {
      const end = script.indexOf("\n", i);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = script.indexOf("*/", i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      hasCode = true;
      i++;
      while (i < n) {
        if (script[i] === c) {
          if (script[i + 1] === c) i += 2;
          else break;
        } else i++;
      }
      i++;
      continue;
    }
    if (c === "$") {
      const m = /^\$[A-Za-z_]*\$/.exec(script.slice(i));
      if (m) {
        const end = script.indexOf(m[0], i + m[0].length);
        hasCode = true;
        i = end === -1 ? n : end + m[0].length;
        continue;
      }
    }
    if (c === ";") {
      if (hasCode) out.push(script.slice(start, i).trim());
      start = i + 1;
      hasCode = false;
      i++;
      continue;
    }
    if (!/\s/.test(c)) hasCode = true;
    i++;
  }
  if (hasCode) out.push(script.slice(start).trim());
  return out;
}

/** Whether a statement yields rows that can be materialised and paged. */
export function isQueryStatement(statement: string): boolean {
  const stripped = statement.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, "");
  return /^(select|with|from|values|table|show|describe|summarize|pivot|unpivot|explain)\b/i.test(stripped) || stripped.startsWith("(");
}

/** A table name a user can type without quoting: starts with a letter or _, then letters, digits, _. */
export function isPlainName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name);
}

/** Turns a file name into a plain table name: "seattle-weather.csv" → "seattle_weather". */
export function tableNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.(csv|tsv|txt|parquet|pq|json|ndjson|jsonl|arrow|feather|ipc)$/i, "");
  let name = base.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").toLowerCase();
  if (!name) name = "data";
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  return name.slice(0, 63);
}
