import { signinRequestSchema } from "@/lib/api/auth-requests";
import { readJsonBody, respond } from "@/lib/api/http";
import { signIn } from "@/lib/auth/sign-in";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Public: this is how one gets a session. Wrong credentials answer 401 with one generic message. */
export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const creds = await readJsonBody(request, signinRequestSchema);
    const { body, setCookie } = await signIn(await getStore(), request, creds);
    return Response.json(body, { status: 200, headers: { "set-cookie": setCookie, "cache-control": "no-store" } });
  });
}
