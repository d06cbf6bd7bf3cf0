import { readJsonBody, respond } from "@/lib/api/http";
import { moveAliasRequestSchema } from "@/lib/api/models";
import { parseName, type AliasContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Point an alias at a blessed version, saying why; the move is logged. */
export function PUT(request: Request, { params }: AliasContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "models.deploy");
    const p = await params;
    const name = parseName(p.name, "model");
    const alias = parseName(p.alias, "alias");
    const req = await readJsonBody(request, moveAliasRequestSchema);
    return Response.json(await (await getStore()).models.moveAlias(name, alias, req.version, req.reason, who.userId), { status: 200 });
  });
}
