import { respond, readJsonBody } from "@/lib/api/http";
import { commentRequestSchema } from "@/lib/api/labels";
import { parseSeq, type ItemContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

export function POST(request: Request, { params }: ItemContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "labels.submit");
    const { id, seq } = await params;
    const { body } = await readJsonBody(request, commentRequestSchema);
    return Response.json(await (await getStore()).labels.comment(id, parseSeq(seq), who.userId, body), { status: 201 });
  });
}
