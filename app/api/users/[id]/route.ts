import { readJsonBody, respond } from "@/lib/api/http";
import { patchUserRequestSchema } from "@/lib/api/user-requests";
import { authorize } from "@/lib/auth/authorize";
import { updateUser } from "@/lib/auth/user-admin";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

/** Change a user's role or disable them; 409 when that would leave no enabled admin. */
export function PATCH(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    await authorize(request, "users.manage");
    const { id } = await params;
    const req = await readJsonBody(request, patchUserRequestSchema);
    return Response.json({ user: await updateUser(await getStore(), id, req) }, { status: 200 });
  });
}
