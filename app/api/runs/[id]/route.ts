import { readJsonBody, respond } from "@/lib/api/http";
import type { ProjectContext as RunContext } from "@/lib/api/route-params";
import { updateRunRequestSchema } from "@/lib/api/runs";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Weights and curves make a run large: up to 64 MiB per update. */
const MAX_RUN_BYTES = 64 * 1024 * 1024;

export function GET(request: Request, { params }: RunContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "runs.read");
    const { id } = await params;
    return Response.json(await (await getStore()).runs.getRun(id), { status: 200 });
  });
}

/** Progress while running, the one ending (finished, failed, cancelled), or notes and tags. */
export function PATCH(request: Request, { params }: RunContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "runs.write");
    const { id } = await params;
    const req = await readJsonBody(request, updateRunRequestSchema, MAX_RUN_BYTES);
    return Response.json(await (await getStore()).runs.updateRun(id, req), { status: 200 });
  });
}
