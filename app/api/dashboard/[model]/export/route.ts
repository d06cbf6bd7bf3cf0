import { respond } from "@/lib/api/http";
import { parseName } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { dashboardHtml } from "@/lib/eval/dashboard-html";
import { loadDashboard } from "@/lib/eval/dashboard-source";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/**
 * GET /api/dashboard/{model}/export — the product owners' dashboard as one
 * self-contained HTML file (lib/eval/dashboard-html.ts) to download: the
 * same data the page shows, charts as inline SVG, no scripts.
 */
export function GET(request: Request, { params }: { params: Promise<{ model: string }> }): Promise<Response> {
  return respond(async () => {
    await authorize(request, "models.read");
    const model = parseName((await params).model, "model");
    const now = new Date();
    const html = dashboardHtml(await loadDashboard(await getStore(), model), now);
    const stamp = now.toISOString().slice(0, 10);
    return new Response(html, {
      status: 200,
      headers: {
        "content-type": "text/html; charset=utf-8",
        // The model name is limited to [A-Za-z0-9_.-] (NAME_PATTERN), so it is safe in the quoted filename.
        "content-disposition": `attachment; filename="dashboard-${model}-${stamp}.html"`,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    });
  });
}
