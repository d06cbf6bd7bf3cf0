import { respond } from "@/lib/api/http";
import { labelFileParams } from "@/lib/api/label-file-params";
import type { ProjectContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { GOLD_COLUMNS, RAW_COLUMNS, toCsv, toJsonl } from "@/lib/labels/export-format";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** GET …/export?what=raw|gold&format=csv|jsonl: the labels as a file, stamped with their snapshot id. */
export function GET(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "labels.export");
    const { id } = await params;
    const { what, format } = labelFileParams(new URL(request.url));
    const out = await (await getStore()).labels.exportLabels(id, what);
    const body = format === "csv" ? toCsv(what === "raw" ? RAW_COLUMNS : GOLD_COLUMNS, out.rows) : toJsonl(out.rows);
    const slug = out.projectName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "project";
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="${slug}-${what}.${format}"`,
        "x-lathe-label-snapshot": out.snapshotId,
      },
    });
  });
}
