import { inviteAcceptRequestSchema } from "@/lib/api/auth-requests";
import { readJsonBody, respond } from "@/lib/api/http";
import { acceptInvite } from "@/lib/auth/sign-in";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Public: the invite code is the credential. Sets the password and signs the new user in. */
export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const req = await readJsonBody(request, inviteAcceptRequestSchema);
    const { body, setCookie } = await acceptInvite(await getStore(), request, req);
    return Response.json(body, { status: 200, headers: { "set-cookie": setCookie, "cache-control": "no-store" } });
  });
}
