/**
 * Reading label files (CSV per RFC 4180 with a header row, or JSON Lines)
 * into records of text fields, naming the line of the first problem.
 */

export class LabelFileError extends Error {
  override readonly name = "LabelFileError";
  constructor(
    message: string,
    /** 1-based line of the file, where known. */
    readonly line?: number,
  ) {
    super(message);
  }
}

export type LabelRecord = Record<string, string>;

export function parseLabelFile(text: string, format: "csv" | "jsonl"): LabelRecord[] {
  return format === "csv" ? parseCsv(text) : parseJsonl(text);
}

function parseJsonl(text: string): LabelRecord[] {
  const out: LabelRecord[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new LabelFileError(`line ${i + 1}: not valid JSON`, i + 1);
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) throw new LabelFileError(`line ${i + 1}: expected a JSON object`, i + 1);
    const rec: LabelRecord = {};
    for (const [k, x] of Object.entries(v)) rec[k] = x === null || x === undefined ? "" : typeof x === "object" ? JSON.stringify(x) : String(x);
    out.push(rec);
  });
  return out;
}

/** A small RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): LabelRecord[] {
  const rows: { fields: string[]; line: number }[] = [];
  let field = "";
  let fields: string[] = [];
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) rows.push({ fields, line: rowLine });
    fields = [];
    field = "";
  };
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = src[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          throw new LabelFileError(`line ${line}: text after a closing quote`, line);
        }
        continue;
      }
      if (c === "\n") line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      fields.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      endRow();
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new LabelFileError(`line ${rowLine}: a quoted field is never closed`, rowLine);
  if (field !== "" || fields.length > 0) endRow();
  if (rows.length === 0) return [];
  const header = rows[0].fields.map((h) => h.trim());
  return rows.slice(1).map(({ fields: f, line: l }) => {
    if (f.length !== header.length) throw new LabelFileError(`line ${l}: ${f.length} fields, the header has ${header.length}`, l);
    const rec: LabelRecord = {};
    header.forEach((h, j) => (rec[h] = f[j]));
    return rec;
  });
}
