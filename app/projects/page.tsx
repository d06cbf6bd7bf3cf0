import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { allows } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/page-access";
import { getStore } from "@/lib/store";

export const metadata = { title: "Labeling projects · Lathe" };
export const dynamic = "force-dynamic";

export default async function ProjectsPage() {
  const access = await requirePageAccess("projects.read", "/projects");
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path="/projects" elsewhere={access.elsewhere} />;
  const projects = await (await getStore()).labels.listProjects();
  const canLabel = allows(access.principal, "labels.submit");
  const canReview = allows(access.principal, "labels.adjudicate");
  return (
    <PageFrame title="Labeling projects">
      {projects.length === 0 ? (
        <p>
          No projects yet. A data scientist creates one from a SQL cell&apos;s result in the <a href="/">notebook</a> (&ldquo;Label these rows…&rdquo;).
        </p>
      ) : (
        <table className="listing" aria-label="Labeling projects">
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Items</th>
              <th scope="col">Labels</th>
              <th scope="col">Annotators per item</th>
              <th scope="col">Work</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={`/projects/${p.id}`}>{p.name}</a>
                </td>
                <td>{p.itemCount.toLocaleString("en")}</td>
                <td>{p.labels.join(", ")}</td>
                <td>
                  {p.annotatorsPerItem} on {Math.round(p.overlapShare * 100)}% of items
                </td>
                <td className="links-inline">
                  {canLabel && <a href={`/projects/${p.id}/label`} aria-label={`Label ${p.name}`}>Label</a>}{" "}
                  {canReview && <a href={`/projects/${p.id}/review`} aria-label={`Review ${p.name}`}>Review</a>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PageFrame>
  );
}
