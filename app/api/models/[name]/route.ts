import { respond } from "@/lib/api/http";
import { parseName, type ModelContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** One model: its versions with their gate verdicts, aliases, and the aliases' history. */
export function GET(request: Request, { params }: ModelContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "models.read");
    const name = parseName((await params).name, "model");
    return Response.json(await (await getStore()).models.getModel(name), { status: 200 });
  });
}
