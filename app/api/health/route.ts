import { readHealth } from "@/lib/api/health";
import { respond } from "@/lib/api/http";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

export function GET(): Promise<Response> {
  return respond(async () => {
    const body = await readHealth(await getStore(), process.env.NEXT_PUBLIC_LATHE_VERSION ?? "unknown");
    return Response.json(body, { status: 200 });
  });
}
