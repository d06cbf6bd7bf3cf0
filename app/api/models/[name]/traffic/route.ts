import { readJsonBody, respond } from "@/lib/api/http";
import { parseName, type ModelContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { shadowStats } from "@/lib/serve/shadow-stats";
import { trafficPolicySchema } from "@/lib/serve/traffic-policy";

export const runtime = "nodejs";

/** The model's traffic policy, and what shadow traffic found on this instance. */
export function GET(request: Request, { params }: ModelContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "models.read");
    const name = parseName((await params).name, "model");
    return Response.json({ policy: await (await getStore()).models.trafficPolicy(name), shadow: shadowStats(name) }, { status: 200 });
  });
}

/** Set the policy: champion only, a canary (share or sticky key), or a shadow; the challenger must be blessed. */
export function PUT(request: Request, { params }: ModelContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "models.deploy");
    const name = parseName((await params).name, "model");
    const policy = await readJsonBody(request, trafficPolicySchema);
    return Response.json({ policy: await (await getStore()).models.setTrafficPolicy(name, policy, who.userId), shadow: shadowStats(name) }, { status: 200 });
  });
}
