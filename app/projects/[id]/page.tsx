import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { ProjectOverview } from "@/components/label/ProjectOverview";
import { projectForPage } from "@/components/label/project-page";
import { allows } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/page-access";

export const dynamic = "force-dynamic";

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/projects/${id}`;
  const access = await requirePageAccess("projects.read", path);
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path={path} elsewhere={access.elsewhere} />;
  const project = await projectForPage(id);
  const p = access.principal;
  const can = {
    label: allows(p, "labels.submit"),
    review: allows(p, "labels.adjudicate"),
    manage: allows(p, "projects.manage"),
    export: allows(p, "labels.export"),
  };
  return (
    <PageFrame title={project.name}>
      <ProjectOverview initial={project} can={can} />
    </PageFrame>
  );
}
