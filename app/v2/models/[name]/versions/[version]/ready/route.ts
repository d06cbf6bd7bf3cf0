import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { readyV2 } from "@/lib/serve/infer";
import { respondV2 } from "@/lib/serve/v2-respond";
import { v2Target, type V2Context } from "@/lib/serve/v2-params";

export const runtime = "nodejs";

/** v2 model readiness: loads the version (or the champion) if needed; 404 for no such model or champion. */
export function GET(request: Request, context: V2Context): Promise<Response> {
  return respondV2(async () => {
    await authorize(request, "models.infer");
    const { model, version } = await v2Target(context);
    return Response.json({ name: model, ready: await readyV2(await getStore(), model, version) }, { status: 200 });
  });
}
