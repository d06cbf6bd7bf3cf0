import { respond } from "@/lib/api/http";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Every model in the registry: versions, latest, aliases. */
export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    await authorize(request, "models.read");
    return Response.json({ models: await (await getStore()).models.listModels() }, { status: 200 });
  });
}
