import { describeError, respond } from "@/lib/api/http";
import { API_ERROR_STATUS } from "@/lib/api/api-error";
import { ServeRequestError } from "./serve-error";

/**
 * Runs a /v2 handler. The v2 protocol answers errors as `{"error": "<message>"}`,
 * so existing KServe and Triton clients read them: a bad request — wrong
 * types, missing inputs, too many rows, a body over the limit — is 400
 * naming the field, and every other failure keeps the status the rest of
 * the API gives it (401, 403, 404, 409, 503, 500).
 */
export function respondV2(fn: () => Promise<Response>): Promise<Response> {
  return respond(async () => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ServeRequestError) return Response.json({ error: e.message }, { status: 400 });
      const { code, message } = describeError(e);
      return Response.json({ error: message }, { status: code === "too_large" ? 400 : API_ERROR_STATUS[code] });
    }
  });
}
