import { respond, readJsonBody } from "@/lib/api/http";
import { addItemsRequestSchema } from "@/lib/api/labels";
import type { ProjectContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Appends up to MAX_ITEMS_PER_REQUEST items; larger projects arrive in several requests. */
export function POST(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "projects.manage");
    const { id } = await params;
    // 5000 items with a few text columns stay well under 20 MB.
    const req = await readJsonBody(request, addItemsRequestSchema, 20 * 1024 * 1024);
    return Response.json(await (await getStore()).labels.addItems(id, req), { status: 201 });
  });
}
