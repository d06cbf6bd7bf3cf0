import { respond } from "@/lib/api/http";
import { authenticate } from "@/lib/auth/authorize";
import { describeMe } from "@/lib/auth/sign-in";

export const runtime = "nodejs";

/** Public: answers `user: null` rather than 401, so the browser can tell "signed out" from an error. */
export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const body = describeMe(await authenticate(request));
    return Response.json(body, { status: 200, headers: { "cache-control": "no-store" } });
  });
}
