import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { inferV2 } from "@/lib/serve/infer";
import { countFailure } from "@/lib/serve/metrics";
import { respondV2 } from "@/lib/serve/v2-respond";
import { readInferBody, v2Target, type V2Context } from "@/lib/serve/v2-params";

export const runtime = "nodejs";

/** v2 inference, answered by the version named, or as the model's traffic policy routes it (champion, canary, shadow). */
export function POST(request: Request, context: V2Context): Promise<Response> {
  const res = respondV2(async () => {
    await authorize(request, "models.infer");
    const { model, version } = await v2Target(context);
    return Response.json(await inferV2(await getStore(), model, version, await readInferBody(request), { header: (n) => request.headers.get(n) }), { status: 200 });
  });
  return res.then((r) => countFailure(r, context, "v2"));
}
