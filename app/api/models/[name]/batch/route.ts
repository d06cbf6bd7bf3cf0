import { RequestError, respond } from "@/lib/api/http";
import { parseName, type ModelContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { predictFile } from "@/lib/serve/batch";
import { isBatchError } from "@/lib/serve/batch-error";
import { countFailure } from "@/lib/serve/metrics";
import { isServeRequestError } from "@/lib/serve/serve-error";

export const runtime = "nodejs";

/**
 * Batch prediction: the body is a CSV, TSV or Parquet file (Content-Type
 * text/csv, text/tab-separated-values or application/vnd.apache.parquet, or
 * ?format=csv|tsv|parquet); the answer is that file's rows and columns with
 * prediction columns added, as an attachment (?out=csv|tsv|parquet, default
 * the input's format), from ?version= or the champion.
 */
export function POST(request: Request, context: ModelContext): Promise<Response> {
  const res = respond(async () => {
    await authorize(request, "models.infer");
    const name = parseName((await context.params).name, "model");
    const url = new URL(request.url);
    const length = request.headers.get("content-length");
    try {
      const a = await predictFile(await getStore(), {
        model: name,
        version: versionParam(url),
        body: request.body,
        contentType: request.headers.get("content-type"),
        declaredBytes: length === null || length === "" ? null : Number(length),
        format: url.searchParams.get("format"),
        out: url.searchParams.get("out"),
        signal: request.signal,
      });
      return new Response(a.body, {
        status: 200,
        headers: {
          "content-type": a.mediaType,
          "content-length": String(a.bytes),
          "content-disposition": `attachment; filename="${a.filename}"`,
          "x-lathe-model-version": String(a.version),
          "x-lathe-rows": String(a.rows),
        },
      });
    } catch (e) {
      if (isServeRequestError(e)) throw new RequestError("invalid", e.message);
      if (!isBatchError(e)) throw e;
      if (e.code === "too_large") throw new RequestError("too_large", e.message, "body");
      if (e.code === "busy") return Response.json({ error: { code: "unavailable", message: e.message } }, { status: 503, headers: { "retry-after": "10" } });
      throw new RequestError("invalid", e.message);
    }
  });
  return res.then((r) => countFailure(r, context, "batch"));
}

/** ?version=: a version number, or absent for the champion. */
function versionParam(url: URL): number | null {
  const raw = url.searchParams.get("version");
  if (raw === null || raw === "") return null;
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw new RequestError("invalid", `version: not a version number: ${JSON.stringify(raw.slice(0, 40))}`, "version");
  return Number(raw);
}
