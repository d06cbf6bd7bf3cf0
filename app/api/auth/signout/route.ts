import { respond } from "@/lib/api/http";
import { signOut } from "@/lib/auth/sign-in";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Needs no permission: anyone may end their own session (a live one must show its CSRF token). */
export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const { body, setCookie } = await signOut(await getStore(), request);
    return Response.json(body, { status: 200, headers: { "set-cookie": setCookie, "cache-control": "no-store" } });
  });
}
