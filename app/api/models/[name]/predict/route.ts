import { RequestError, respond } from "@/lib/api/http";
import { parseName, type ModelContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { predictRecords } from "@/lib/serve/infer";
import { countFailure } from "@/lib/serve/metrics";
import { isServeRequestError } from "@/lib/serve/serve-error";
import { readInferBody } from "@/lib/serve/v2-params";

export const runtime = "nodejs";

/** Predictions for JSON records (`[{"col": value, …}]`) from the champion, with the version that answered. */
export function POST(request: Request, context: ModelContext): Promise<Response> {
  const { params } = context;
  const res = respond(async () => {
    await authorize(request, "models.infer");
    const name = parseName((await params).name, "model");
    try {
      return Response.json(await predictRecords(await getStore(), name, await readInferBody(request), { header: (n) => request.headers.get(n) }), { status: 200 });
    } catch (e) {
      if (isServeRequestError(e)) throw new RequestError("invalid", e.message);
      throw e;
    }
  });
  return res.then((r) => countFailure(r, context, "predict"));
}
