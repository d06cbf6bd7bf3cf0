/**
 * Locates the first structural problem in delimited text: a record with a
 * different field count from the first record, or a quote that never closes.
 * Run only after DuckDB refused a file, to say where and why in a user's words
 * (DuckDB's strict-mode sniffing error names no line).
 */
export interface CsvProblem {
  /** 1-based physical line. */
  line: number;
  message: string;
}

export function findCsvProblem(text: string, delimiter: string, quote = '"'): CsvProblem | null {
  let line = 1;
  let recordLine = 1;
  let fields = 1;
  let expected: number | null = null;
  let inQuotes = false;
  let quoteLine = 0;
  let fieldStart = true;
  let recordHasContent = false;
  const endRecord = (): CsvProblem | null => {
    if (recordHasContent) {
      if (expected === null) expected = fields;
      else if (fields !== expected) {
        return { line: recordLine, message: `expected ${expected} fields (as in the first line), found ${fields}` };
      }
    }
    fields = 1;
    fieldStart = true;
    recordHasContent = false;
    return null;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === quote) {
        if (text[i + 1] === quote) i++;
        else inQuotes = false;
      } else if (c === "\n") line++;
      continue;
    }
    if (c === quote && fieldStart) {
      inQuotes = true;
      quoteLine = line;
      fieldStart = false;
      recordHasContent = true;
    } else if (c === delimiter) {
      fields++;
      fieldStart = true;
      recordHasContent = true;
    } else if (c === "\n") {
      const p = endRecord();
      if (p) return p;
      line++;
      recordLine = line;
    } else if (c !== "\r") {
      fieldStart = false;
      recordHasContent = true;
    }
  }
  if (inQuotes) return { line: quoteLine, message: `a quoted field opened on this line never closes (unbalanced ${quote})` };
  return endRecord();
}
