import { z } from "zod";
import { AuthError } from "@/lib/auth/auth-error";
import { StoreError } from "@/lib/store/store-error";
import { API_ERROR_STATUS, type ApiErrorBody, type ApiErrorCode } from "./api-error";

/**
 * Request → response plumbing for route handlers: body reading with a size
 * limit, zod validation that names the field, and error → status mapping.
 */

/** Largest request body accepted, in bytes (5 MiB). Notebooks are text; data never goes through here. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class RequestError extends Error {
  override readonly name = "RequestError";

  constructor(
    readonly code: "invalid" | "too_large",
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Reads the body as JSON and validates it; throws RequestError naming what is wrong. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, limit = MAX_BODY_BYTES): Promise<z.infer<S>> {
  const text = await readBodyText(request, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RequestError("invalid", "body: not valid JSON", "body");
  }
  return validate(schema, value);
}

/** Checks an already parsed value; throws RequestError naming the first field at fault ("runs.3.config.task: …"). */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issueField(issue);
    throw new RequestError("invalid", `${field}: ${issue.message}`, field);
  }
  return parsed.data;
}

function issueField(issue: z.core.$ZodIssue): string {
  const path = issue.code === "unrecognized_keys" && issue.keys.length > 0 ? [...issue.path, issue.keys[0]] : issue.path;
  return path.length === 0 ? "body" : path.map(String).join(".");
}

/** The body as text, refused past `limit` bytes whatever Content-Length says. */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const tooLarge = () => new RequestError("too_large", `body too large: over ${limit / (1024 * 1024)} MB`, "body");
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge();
  if (!request.body) return "";
  // Streamed with a running count: Content-Length may be absent or wrong.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** What a thrown error tells the caller: its code, message and field; anything unexpected is logged and answered as "internal". */
export function describeError(e: unknown): { code: ApiErrorCode; message: string; field?: string } {
  if (e instanceof RequestError || e instanceof StoreError) return e.field === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, field: e.field };
  if (e instanceof AuthError) return { code: e.code, message: e.message };
  console.error(e);
  return { code: "internal", message: "server error: unexpected; see the server log" };
}

export function errorResponse(e: unknown): Response {
  const d = describeError(e);
  return errorBody(d.code, d.message, d.field);
}

function errorBody(code: ApiErrorCode, message: string, field?: string): Response {
  const body: ApiErrorBody = { error: field === undefined ? { code, message } : { code, message, field } };
  return Response.json(body, { status: API_ERROR_STATUS[code] });
}

/** Runs a handler body, answering any thrown error with its JSON error reply. */
export async function respond(fn: () => Promise<Response>): Promise<Response> {
  const t0 = performance.now();
  let res: Response;
  try {
    res = await fn();
  } catch (e) {
    res = errorResponse(e);
  }
  return withServerTiming(res, performance.now() - t0);
}

/**
 * Adds `Server-Timing: app;dur=<ms>`: the handler's own time (access check,
 * validation, store), without the framework's routing or the network, so a
 * browser's network panel or a benchmark can tell the two apart.
 */
function withServerTiming(res: Response, ms: number): Response {
  try {
    res.headers.append("server-timing", `app;dur=${ms.toFixed(2)}`);
  } catch {
    // Headers of some responses are immutable; the timing is a courtesy.
  }
  return res;
}
