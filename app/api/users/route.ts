import { readJsonBody, respond } from "@/lib/api/http";
import { createUserRequestSchema } from "@/lib/api/user-requests";
import { authorize } from "@/lib/auth/authorize";
import { createUser, listUsers } from "@/lib/auth/user-admin";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    await authorize(request, "users.manage");
    return Response.json({ users: await listUsers(await getStore()) }, { status: 200 });
  });
}

/** Without a password the user is invited: the reply holds the one-time invite code and link. */
export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "users.manage");
    const req = await readJsonBody(request, createUserRequestSchema);
    return Response.json(await createUser(await getStore(), who, req), { status: 201, headers: { "cache-control": "no-store" } });
  });
}
