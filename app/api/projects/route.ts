import { respond, readJsonBody } from "@/lib/api/http";
import { projectSpecSchema } from "@/lib/api/labels";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    await authorize(request, "projects.read");
    return Response.json({ projects: await (await getStore()).labels.listProjects() }, { status: 200 });
  });
}

export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "projects.manage");
    const spec = await readJsonBody(request, projectSpecSchema);
    return Response.json(await (await getStore()).labels.createProject(spec, who.userId), { status: 201 });
  });
}
