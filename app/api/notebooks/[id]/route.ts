import { respond, readJsonBody } from "@/lib/api/http";
import { updateNotebookRequestSchema } from "@/lib/api/notebook-requests";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    await authorize(request, "notebooks.read");
    const { id } = await params;
    return Response.json(await (await getStore()).getNotebook(id), { status: 200 });
  });
}

export function PUT(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    await authorize(request, "notebooks.write");
    const { id } = await params;
    const req = await readJsonBody(request, updateNotebookRequestSchema);
    return Response.json(await (await getStore()).saveNotebook(id, req), { status: 200 });
  });
}

export function DELETE(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    await authorize(request, "notebooks.write");
    const { id } = await params;
    await (await getStore()).deleteNotebook(id);
    return new Response(null, { status: 204 });
  });
}
