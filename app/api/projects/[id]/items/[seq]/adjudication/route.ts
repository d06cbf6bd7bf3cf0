import { respond, readJsonBody } from "@/lib/api/http";
import { adjudicateRequestSchema } from "@/lib/api/labels";
import { parseSeq, type ItemContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

export function POST(request: Request, { params }: ItemContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "labels.adjudicate");
    const { id, seq } = await params;
    const req = await readJsonBody(request, adjudicateRequestSchema);
    return Response.json(await (await getStore()).labels.adjudicate(id, parseSeq(seq), who.userId, req), { status: 201 });
  });
}
