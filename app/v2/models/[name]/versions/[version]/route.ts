import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { metadataV2 } from "@/lib/serve/infer";
import { respondV2 } from "@/lib/serve/v2-respond";
import { v2Target, type V2Context } from "@/lib/serve/v2-params";

export const runtime = "nodejs";

/** v2 model metadata: inputs and outputs with datatypes and shapes (the champion's, or the version named). */
export function GET(request: Request, context: V2Context): Promise<Response> {
  return respondV2(async () => {
    await authorize(request, "models.infer");
    const { model, version } = await v2Target(context);
    return Response.json(await metadataV2(await getStore(), model, version), { status: 200 });
  });
}
