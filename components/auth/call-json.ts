import type { z } from "zod";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { apiFetch } from "./api-fetch";

/** A JSON call to /api through apiFetch; a failure throws an Error carrying the server's message. */
export async function callJson<S extends z.ZodType>(url: string, init: RequestInit & { json?: unknown }, schema: S): Promise<z.infer<S>> {
  const { json, ...rest } = init;
  let res: Response;
  try {
    res = await apiFetch(url, json === undefined ? rest : { ...rest, body: JSON.stringify(json), headers: { "content-type": "application/json", ...(rest.headers ?? {}) } });
  } catch {
    throw new Error("the server did not answer; check that npm start is still running");
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = apiErrorBodySchema.safeParse(body);
    throw new Error(err.success ? err.data.error.message : `server error ${res.status}`);
  }
  return schema.parse(body);
}
