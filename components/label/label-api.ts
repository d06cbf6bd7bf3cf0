import type {
  AdjudicateRequest,
  Adjudication,
  ItemComment,
  LabelChange,
  LabelChangeResult,
  LabelProject,
  MyHistoryEntry,
  Progress,
  QueueItem,
  ReviewItem,
  SubmitRequest,
  SubmitResult,
} from "@/lib/api/labels";
import type { ProjectAgreement } from "@/lib/labels/project-agreement";
import { apiFetch } from "@/components/auth/api-fetch";

/** The labeling routes as typed calls; a non-2xx reply throws LabelApiError with the server's message. */

export class LabelApiError extends Error {
  override readonly name = "LabelApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  const res = await apiFetch(url, {
    ...rest,
    ...(json === undefined ? {} : { body: JSON.stringify(json), headers: { "content-type": "application/json" } }),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new LabelApiError(res.status, err?.code ?? "internal", err?.message ?? `request failed: HTTP ${res.status}`);
  }
  return body as T;
}

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`;

export const labelApi = {
  project: (id: string) => call<LabelProject>(base(id)),
  list: () => call<{ projects: LabelProject[] }>("/api/projects").then((r) => r.projects),
  create: (spec: unknown) => call<LabelProject>("/api/projects", { method: "POST", json: spec }),
  addItems: (id: string, items: { id: string; data: Record<string, unknown> }[]) =>
    call<{ added: number; itemCount: number }>(`${base(id)}/items`, { method: "POST", json: { items } }),
  next: (id: string, count: number) => call<{ items: QueueItem[] }>(`${base(id)}/queue`, { method: "POST", json: { count } }).then((r) => r.items),
  submit: (id: string, seq: number, req: Partial<SubmitRequest> & Pick<SubmitRequest, "kind">) =>
    call<SubmitResult>(`${base(id)}/items/${seq}/annotations`, { method: "POST", json: req }),
  progress: (id: string) => call<Progress>(`${base(id)}/progress`),
  myHistory: (id: string, before?: number) =>
    call<{ entries: MyHistoryEntry[] }>(`${base(id)}/my-history?limit=50${before ? `&before=${before}` : ""}`).then((r) => r.entries),
  review: (id: string, limit = 20) => call<{ items: ReviewItem[] }>(`${base(id)}/review?limit=${limit}`).then((r) => r.items),
  adjudicate: (id: string, seq: number, req: Partial<AdjudicateRequest> & Pick<AdjudicateRequest, "baseVersion">) =>
    call<Adjudication>(`${base(id)}/items/${seq}/adjudication`, { method: "POST", json: req }),
  agreement: (id: string) => call<ProjectAgreement>(`${base(id)}/agreement`),
  changeLabels: (id: string, change: LabelChange) => call<LabelChangeResult>(`${base(id)}/labels`, { method: "POST", json: change }),
  importLabels: async (id: string, what: "raw" | "gold", format: "csv" | "jsonl", text: string) =>
    call<{ rows: number; written: number; unchanged: number; autoGold: number }>(`${base(id)}/import?what=${what}&format=${format}`, {
      method: "POST",
      body: text,
      headers: { "content-type": format === "csv" ? "text/csv" : "application/x-ndjson" },
    }),
  comment: (id: string, seq: number, body: string) => call<ItemComment>(`${base(id)}/items/${seq}/comments`, { method: "POST", json: { body } }),
};
