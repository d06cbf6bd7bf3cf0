import { RequestError, readBodyText, respond } from "@/lib/api/http";
import { labelFileParams } from "@/lib/api/label-file-params";
import type { ProjectContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { LabelFileError, parseLabelFile } from "@/lib/labels/import-format";
import { toGoldRows, toRawRows } from "@/lib/labels/import-rows";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Largest label file accepted (64 MiB): about a million raw rows. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/**
 * POST …/import?what=raw|gold&format=csv|jsonl with the file as the body.
 * All or nothing: the first bad row refuses the file, naming the row.
 */
export function POST(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "projects.manage");
    const { id } = await params;
    const { what, format } = labelFileParams(new URL(request.url));
    const text = await readBodyText(request, MAX_IMPORT_BYTES);
    if (text.includes("\u0000")) throw new RequestError("invalid", "file: contains a NUL character; is it a text file?", "body");
    const store = await getStore();
    try {
      const records = parseLabelFile(text, format);
      if (records.length === 0) throw new RequestError("invalid", "file: no label rows", "body");
      const result =
        what === "raw" ? await store.labels.importRaw(id, who.userId, toRawRows(records)) : await store.labels.importGold(id, who.userId, toGoldRows(records));
      return Response.json(result, { status: 200 });
    } catch (e) {
      if (e instanceof LabelFileError) throw new RequestError("invalid", `file: ${e.message}`, "body");
      throw e;
    }
  });
}
