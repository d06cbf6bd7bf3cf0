import type { Notebook, SavedNotebook } from "@/lib/api/notebook";
import { savedNotebookSchema } from "@/lib/api/notebook";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { notebookListSchema, type NotebookSummary } from "@/lib/api/notebook-requests";
import { apiFetch } from "@/components/auth/api-fetch";

/** The page's client for /api/notebooks; every failure becomes an Error with the server's message. apiFetch adds the CSRF header to saves. */
async function call<T>(url: string, init: RequestInit, parse: (body: unknown) => T): Promise<T> {
  let res: Response;
  try {
    res = await apiFetch(url, { ...init, headers: { "content-type": "application/json", ...(init.headers ?? {}) } });
  } catch {
    throw new Error("the server did not answer; check that npm start is still running");
  }
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = apiErrorBodySchema.safeParse(body);
    throw new Error(err.success ? err.data.error.message : `server error ${res.status}`);
  }
  return parse(body);
}

export function listSaved(): Promise<NotebookSummary[]> {
  return call("/api/notebooks", { method: "GET" }, (b) => notebookListSchema.parse(b).notebooks);
}

export function openSaved(id: string): Promise<SavedNotebook> {
  return call(`/api/notebooks/${encodeURIComponent(id)}`, { method: "GET" }, (b) => savedNotebookSchema.parse(b));
}

/** First save creates; later saves name the revision they started from (409 if someone saved since). */
export function saveToServer(notebook: Notebook, saved: { id: string; revision: number } | null): Promise<SavedNotebook> {
  if (!saved) return call("/api/notebooks", { method: "POST", body: JSON.stringify({ notebook }) }, (b) => savedNotebookSchema.parse(b));
  return call(`/api/notebooks/${encodeURIComponent(saved.id)}`, { method: "PUT", body: JSON.stringify({ notebook, baseRevision: saved.revision }) }, (b) =>
    savedNotebookSchema.parse(b),
  );
}
