import { readJsonBody, respond } from "@/lib/api/http";
import { pushRequestSchema } from "@/lib/api/models";
import { parseName, type ModelContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { pushVersion } from "@/lib/serve/push";

export const runtime = "nodejs";

/** A 64 MiB model as base64 plus its reference batch. */
const MAX_PUSH_BYTES = 96 * 1024 * 1024;

/** Push a version: 201 with the gate's verdict when new, 200 when these bytes are already a version. */
export function POST(request: Request, { params }: ModelContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "models.push");
    const name = parseName((await params).name, "model");
    const req = await readJsonBody(request, pushRequestSchema, MAX_PUSH_BYTES);
    const { version, created } = await pushVersion(await getStore(), name, req, who.userId);
    return Response.json(version, { status: created ? 201 : 200 });
  });
}
