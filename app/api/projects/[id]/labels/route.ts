import { respond, readJsonBody } from "@/lib/api/http";
import { labelChangeSchema } from "@/lib/api/labels";
import type { ProjectContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Adds, renames, merges or splits labels; answers and gold labels migrate with a recorded change. */
export function POST(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "projects.manage");
    const { id } = await params;
    const change = await readJsonBody(request, labelChangeSchema);
    return Response.json(await (await getStore()).labels.changeLabels(id, who.userId, change), { status: 200 });
  });
}
