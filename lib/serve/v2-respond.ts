import { respond } from "@/lib/api/http";
import { API_ERROR_STATUS } from "@/lib/api/api-error";
import { ServeRequestError } from "./serve-error";

/**
 * Runs a /v2 handler. The v2 protocol answers errors as `{"error": "<message>"}`,
 * so existing KServe and Triton clients read them: a bad request — wrong
 * types, missing inputs, too many rows, a body over the limit — is 400
 * naming the field, and every other failure keeps the status the rest of
 * the API gives it (401, 403, 404, 409, 503, 500).
 */
export async function respondV2(fn: () => Promise<Response>): Promise<Response> {
  const res = await respond(async () => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ServeRequestError) return Response.json({ error: e.message }, { status: 400 });
      throw e;
    }
  });
  if (res.ok || !res.headers.get("content-type")?.includes("json")) return res;
  const body = (await res.clone().json().catch(() => null)) as { error?: { message?: string } | string } | null;
  if (body && typeof body.error === "object" && body.error?.message) {
    const out = Response.json({ error: body.error.message }, { status: res.status === API_ERROR_STATUS.too_large ? 400 : res.status });
    const timing = res.headers.get("server-timing");
    if (timing) out.headers.set("server-timing", timing);
    return out;
  }
  return res;
}
