import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { LabelerView } from "@/components/label/LabelerView";
import { projectForPage } from "@/components/label/project-page";
import { requirePageAccess } from "@/lib/auth/page-access";

export const dynamic = "force-dynamic";

export default async function LabelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/projects/${id}/label`;
  const access = await requirePageAccess("labels.submit", path);
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path={path} elsewhere={access.elsewhere} />;
  const project = await projectForPage(id);
  return (
    <PageFrame title={`Label: ${project.name}`}>
      <LabelerView project={project} />
    </PageFrame>
  );
}
