import { RequestError, readBodyText, respond, validate } from "@/lib/api/http";
import { runExportSchema } from "@/lib/api/run-export";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** Largest runs file accepted (50 MiB): weights make runs large, so big exports may need splitting. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * POST /api/runs/import with a runs file (GET /api/runs/export) as the body.
 * All or nothing; replies { imported, skipped, unlinked } (RunImportResult).
 * The importer becomes each run's owner.
 */
export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "runs.write");
    const text = await readBodyText(request, MAX_IMPORT_BYTES);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new RequestError("invalid", `file: not valid JSON (${why}); choose a runs file exported from Lathe`, "body");
    }
    const file = validate(runExportSchema, value);
    return Response.json(await (await getStore()).runs.importRuns(file.runs, who.userId), { status: 200 });
  });
}
