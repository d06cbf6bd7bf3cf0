import { notFound } from "next/navigation";
import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { DashboardView } from "@/components/dashboard/DashboardView";
import { NAME_PATTERN } from "@/lib/api/models";
import { requirePageAccess } from "@/lib/auth/page-access";
import { describeCurrent } from "@/lib/eval/dashboard-format";
import { loadDashboard } from "@/lib/eval/dashboard-source";
import { getStore, StoreError } from "@/lib/store";

export const dynamic = "force-dynamic";

/**
 * The product owners' dashboard of one model: the current version's
 * pinned slices with pass/fail against their thresholds, in sentences, and
 * their trend across versions. Read from the store only (the evaluations
 * the notebook stored with each run); nothing is computed in the browser.
 */
export default async function DashboardPage({ params }: { params: Promise<{ model: string }> }) {
  const name = decodeURIComponent((await params).model);
  const path = `/dashboard/${encodeURIComponent(name)}`;
  const access = await requirePageAccess("models.read", path);
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path={path} elsewhere={access.elsewhere} />;
  if (!NAME_PATTERN.test(name)) notFound();
  let dashboard;
  try {
    dashboard = await loadDashboard(await getStore(), name);
  } catch (e) {
    if (e instanceof StoreError && e.code === "not_found") notFound();
    throw e;
  }
  const title = dashboard.kind === "no-versions" ? `Dashboard: ${name}` : `Dashboard: ${name}, ${describeCurrent(dashboard.current)}`;
  return (
    <PageFrame title={title}>
      <p>
        <a href={`/models/${encodeURIComponent(name)}`}>Versions, aliases and traffic</a> · <a href={`/models/${encodeURIComponent(name)}/monitoring`}>Monitoring</a>
      </p>
      <DashboardView dashboard={dashboard} />
    </PageFrame>
  );
}
