import { respond } from "@/lib/api/http";
import { parseSeq, type ItemContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** The item's full history: every annotation version, adjudication and comment (not for blind labelers). */
export function GET(request: Request, { params }: ItemContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "labels.export");
    const { id, seq } = await params;
    return Response.json(await (await getStore()).labels.itemHistory(id, parseSeq(seq)), { status: 200 });
  });
}
