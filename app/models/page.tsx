import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { requirePageAccess } from "@/lib/auth/page-access";
import { getStore } from "@/lib/store";

export const dynamic = "force-dynamic";

/** The model registry: every model, its versions and aliases. */
export default async function ModelsPage() {
  const access = await requirePageAccess("models.read", "/models");
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path="/models" elsewhere={access.elsewhere} />;
  const models = await (await getStore()).models.listModels();
  return (
    <PageFrame title="Models">
      {models.length === 0 ? (
        <p>No models yet: export a run to ONNX in the notebook and push it from the export panel.</p>
      ) : (
        <table className="listing" aria-label="Models">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Versions</th>
              <th scope="col">Aliases</th>
              <th scope="col">Last push</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.name}>
                <td>
                  <a href={`/models/${encodeURIComponent(m.name)}`}>{m.name}</a> ·{" "}
                  <a href={`/dashboard/${encodeURIComponent(m.name)}`} aria-label={`Dashboard of ${m.name}`}>
                    dashboard
                  </a>
                </td>
                <td>{m.versions}</td>
                <td>{Object.entries(m.aliases).map(([a, v]) => `${a} → ${v}`).join(", ") || "—"}</td>
                <td>{m.updatedAt.replace("T", " ").slice(0, 19)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PageFrame>
  );
}
