import { notebookSchema, type Notebook } from "@/lib/api/notebook";

/**
 * Notebook files are JSON with keys sorted at every level and two-space
 * indentation, so that saving the same notebook twice gives the same bytes
 * and a one-cell edit is a small diff in git.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + "\n";
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export function exportNotebook(nb: Notebook): string {
  return stableStringify(nb);
}

export class NotebookImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotebookImportError";
  }
}

/** Parses and validates an imported file; the message names the file and the offending field. */
export function importNotebook(fileName: string, text: string): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new NotebookImportError(`${fileName}: not valid JSON (${err instanceof Error ? err.message : String(err)}); export the notebook from Lathe again`);
  }
  const parsed = notebookSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.length ? issue.path.join(".") : "(top level)";
    throw new NotebookImportError(`${fileName}: not a Lathe notebook: ${path}: ${issue.message}`);
  }
  const ids = new Set<string>();
  for (const c of parsed.data.cells) {
    if (ids.has(c.id)) throw new NotebookImportError(`${fileName}: not a Lathe notebook: cells: duplicate cell id "${c.id}"`);
    ids.add(c.id);
  }
  return parsed.data;
}
