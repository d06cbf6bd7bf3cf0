import { readJsonBody, respond } from "@/lib/api/http";
import { createTokenRequestSchema } from "@/lib/api/token-requests";
import { authorize } from "@/lib/auth/authorize";
import { createMyToken, listMyTokens } from "@/lib/auth/token-admin";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "tokens.own");
    return Response.json({ tokens: await listMyTokens(await getStore(), who) }, { status: 200 });
  });
}

/** The reply is the only time the token is shown. Refused (403) when the caller is itself a token. */
export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "tokens.own");
    const req = await readJsonBody(request, createTokenRequestSchema);
    return Response.json(await createMyToken(await getStore(), who, req), { status: 201, headers: { "cache-control": "no-store" } });
  });
}
