import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { ReviewerView } from "@/components/label/ReviewerView";
import { projectForPage } from "@/components/label/project-page";
import { requirePageAccess } from "@/lib/auth/page-access";

export const dynamic = "force-dynamic";

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/projects/${id}/review`;
  const access = await requirePageAccess("labels.adjudicate", path);
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path={path} elsewhere={access.elsewhere} />;
  const project = await projectForPage(id);
  return (
    <PageFrame title={`Review: ${project.name}`}>
      <ReviewerView project={project} />
    </PageFrame>
  );
}
