import { respond } from "@/lib/api/http";
import type { ProjectContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

export function GET(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "projects.read");
    const { id } = await params;
    return Response.json(await (await getStore()).labels.progress(id, who.userId), { status: 200 });
  });
}
