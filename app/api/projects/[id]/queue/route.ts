import { z } from "zod";
import { respond, readJsonBody } from "@/lib/api/http";
import type { ProjectContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

const queueRequestSchema = z.object({ count: z.number().int().min(1).max(20).default(2) }).strict();

/** Leases the caller's next items (a mutation: it reserves slots), the current one first. */
export function POST(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "labels.submit");
    const { id } = await params;
    const { count } = await readJsonBody(request, queueRequestSchema);
    return Response.json({ items: await (await getStore()).labels.nextItems(id, who.userId, count) }, { status: 200 });
  });
}
