import { respond } from "@/lib/api/http";
import { intParam, type ProjectContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { projectAgreement } from "@/lib/labels/project-agreement";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/**
 * Every agreement statistic for the project's current labels, recomputed on
 * each request (so it follows labels as they arrive), with seeded bootstrap
 * intervals (`resamples`, default 1000) and the snapshot id it describes.
 */
export function GET(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "labels.export");
    const { id } = await params;
    const resamples = intParam(new URL(request.url), "resamples", 1000, 0, 10_000);
    const store = await getStore();
    const project = await store.labels.getProject(id);
    const t0 = performance.now();
    const ratings = await store.labels.ratings(id);
    const readMs = performance.now() - t0;
    const body = { ...projectAgreement(ratings, resamples, project.multiLabel), readMs };
    return Response.json(body, { status: 200, headers: { "x-lathe-label-snapshot": body.snapshotId } });
  });
}
