import { respond } from "@/lib/api/http";
import { authorize } from "@/lib/auth/authorize";
import { revokeMyToken } from "@/lib/auth/token-admin";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

/** Revokes one of the caller's own tokens; anyone else's answers 404 like an unknown id. */
export function DELETE(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "tokens.own");
    const { id } = await params;
    return Response.json({ token: await revokeMyToken(await getStore(), who, id) }, { status: 200 });
  });
}
