import { respond } from "@/lib/api/http";
import { parseName } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { modelFileResponse, parseVersionSegment } from "@/lib/serve/model-download";

export const runtime = "nodejs";

type VersionContext = { params: Promise<{ name: string; version: string }> };

/** One version's .onnx bytes, as an attachment `<name>-v<version>.onnx` (vetoed versions too, marked X-Lathe-Blessed: false). */
export function GET(request: Request, { params }: VersionContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "models.read");
    const p = await params;
    const name = parseName(p.name, "model");
    const version = parseVersionSegment(p.version);
    const file = await (await getStore()).models.modelFile(name, version);
    return modelFileResponse(file, request.headers.get("if-none-match"));
  });
}
