import { RequestError, readBodyText } from "@/lib/api/http";
import { parseName } from "@/lib/api/route-params";
import { parseJsonBody } from "./serve-error";

/** Largest infer or predict body, bytes: 10,000 rows of a few dozen columns fit well within it. */
export const MAX_INFER_BYTES = 16 * 1024 * 1024;

export type V2Context = { params: Promise<{ name: string; version?: string }> };

/** The model name and, under /versions/{v}, the version number from a v2 path. */
export async function v2Target(context: V2Context): Promise<{ model: string; version: number | null }> {
  const p = await context.params;
  const model = parseName(p.name, "model");
  if (p.version === undefined) return { model, version: null };
  const n = /^[1-9][0-9]{0,8}$/.test(p.version) ? Number(p.version) : NaN;
  if (!Number.isSafeInteger(n)) throw new RequestError("invalid", `version: not a version number: ${JSON.stringify(p.version.slice(0, 40))}`, "version");
  return { model, version: n };
}

export async function readInferBody(request: Request): Promise<unknown> {
  return parseJsonBody(await readBodyText(request, MAX_INFER_BYTES));
}
