declare const notebookIdBrand: unique symbol;

/** A notebook's server id: a lowercase UUID (the primary key's type in the database). */
export type NotebookId = string & { readonly [notebookIdBrand]: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newNotebookId(): NotebookId {
  return crypto.randomUUID() as NotebookId;
}

/** Null when `s` cannot be a notebook id, so callers can answer not_found without asking the database. */
export function parseNotebookId(s: string): NotebookId | null {
  const lower = s.toLowerCase();
  return UUID.test(lower) ? (lower as NotebookId) : null;
}
