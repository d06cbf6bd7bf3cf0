import { notFound } from "next/navigation";
import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { ItemHistoryView } from "@/components/label/ItemHistoryView";
import { projectForPage } from "@/components/label/project-page";
import { RequestError } from "@/lib/api/http";
import { parseSeq } from "@/lib/api/route-params";
import { requirePageAccess } from "@/lib/auth/page-access";
import { getStore, StoreError } from "@/lib/store";

export const dynamic = "force-dynamic";

export default async function ItemPage({ params }: { params: Promise<{ id: string; seq: string }> }) {
  const { id, seq } = await params;
  const path = `/projects/${id}/items/${seq}`;
  const access = await requirePageAccess("labels.export", path);
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path={path} elsewhere={access.elsewhere} />;
  const project = await projectForPage(id);
  let history;
  try {
    history = await (await getStore()).labels.itemHistory(project.id, parseSeq(seq));
  } catch (e) {
    if ((e instanceof StoreError && e.code === "not_found") || e instanceof RequestError) notFound();
    throw e;
  }
  return (
    <PageFrame title={`${project.name}: item ${history.key}`}>
      <ItemHistoryView project={project} history={history} />
    </PageFrame>
  );
}
