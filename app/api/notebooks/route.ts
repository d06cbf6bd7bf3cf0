import { respond, readJsonBody } from "@/lib/api/http";
import { createNotebookRequestSchema, type NotebookList } from "@/lib/api/notebook-requests";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    await authorize(request, "notebooks.read");
    const body: NotebookList = { notebooks: await (await getStore()).listNotebooks() };
    return Response.json(body, { status: 200 });
  });
}

export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    await authorize(request, "notebooks.write");
    const req = await readJsonBody(request, createNotebookRequestSchema);
    const saved = await (await getStore()).saveNotebook(null, { notebook: req.notebook });
    return Response.json(saved, { status: 201 });
  });
}
