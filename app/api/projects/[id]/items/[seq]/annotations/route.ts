import { respond, readJsonBody } from "@/lib/api/http";
import { submitRequestSchema } from "@/lib/api/labels";
import { parseSeq, type ItemContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Appends the caller's next annotation version on the item (label, ambiguous, skip or retract). */
export function POST(request: Request, { params }: ItemContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "labels.submit");
    const { id, seq } = await params;
    const req = await readJsonBody(request, submitRequestSchema);
    const result = await (await getStore()).labels.submit(id, parseSeq(seq), who.userId, req);
    return Response.json(result, { status: result.duplicate ? 200 : 201 });
  });
}
