import { notFound } from "next/navigation";
import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { MonitoringView } from "@/components/models/MonitoringView";
import { NAME_PATTERN } from "@/lib/api/models";
import { allows } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/page-access";
import { getStore, StoreError } from "@/lib/store";

export const dynamic = "force-dynamic";

/** A served model's monitoring: latency, traffic, errors, predictions, drift, online metrics and alerts, refreshed live. */
export default async function MonitoringPage({ params }: { params: Promise<{ name: string }> }) {
  const name = decodeURIComponent((await params).name);
  const path = `/models/${encodeURIComponent(name)}/monitoring`;
  const access = await requirePageAccess("models.read", path);
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path={path} elsewhere={access.elsewhere} />;
  if (!NAME_PATTERN.test(name)) notFound();
  try {
    await (await getStore()).models.getModel(name);
  } catch (e) {
    if (e instanceof StoreError && e.code === "not_found") notFound();
    throw e;
  }
  return (
    <PageFrame title={`Monitoring: ${name}`}>
      <p>
        <a href={`/models/${encodeURIComponent(name)}`}>Versions, aliases and traffic</a>
      </p>
      <MonitoringView model={name} canSendToReview={allows(access.principal, "projects.manage")} />
    </PageFrame>
  );
}
