import { notFound } from "next/navigation";
import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { AliasForm } from "@/components/models/AliasForm";
import { RollbackButton } from "@/components/models/RollbackButton";
import { TrafficForm } from "@/components/models/TrafficForm";
import { NAME_PATTERN } from "@/lib/api/models";
import { allows } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/page-access";
import { getStore, StoreError } from "@/lib/store";

export const dynamic = "force-dynamic";

const when = (iso: string) => iso.replace("T", " ").slice(0, 19);

/** One model: versions with the gate's verdict, aliases, their history, and moving an alias. */
export default async function ModelPage({ params }: { params: Promise<{ name: string }> }) {
  const name = decodeURIComponent((await params).name);
  const path = `/models/${encodeURIComponent(name)}`;
  const access = await requirePageAccess("models.read", path);
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path={path} elsewhere={access.elsewhere} />;
  if (!NAME_PATTERN.test(name)) notFound();
  let model;
  let policy;
  try {
    const store = await getStore();
    model = await store.models.getModel(name);
    policy = await store.models.trafficPolicy(name);
  } catch (e) {
    if (e instanceof StoreError && e.code === "not_found") notFound();
    throw e;
  }
  const aliasesOf = (v: number) => Object.entries(model.aliases).filter(([, n]) => n === v).map(([a]) => a);
  const champion = model.aliases.champion ?? null;
  // The version the champion last moved from: where a rollback goes.
  const previous = model.history.find((h) => h.alias === "champion")?.fromVersion ?? null;
  const canDeploy = allows(access.principal, "models.deploy");
  const blessed = model.versions.filter((v) => v.verdict.blessed).map((v) => v.version);
  return (
    <PageFrame title={`Model: ${model.name}`}>
      <p>
        <a href={`${path}/monitoring`}>Monitoring</a> · <a href={`/dashboard/${encodeURIComponent(model.name)}`}>Dashboard</a> · champion: {champion === null ? "none yet" : `version ${champion}`} · traffic:{" "}
        {policy.mode === "champion" ? "champion only" : `${policy.mode}, version ${policy.challenger} on ${policy.percent} %`}
      </p>
      <table className="listing" aria-label="Versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Aliases</th>
            <th scope="col">Gate</th>
            <th scope="col">Precision</th>
            <th scope="col">Size</th>
            <th scope="col">Run</th>
            <th scope="col">Pushed</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {model.versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{aliasesOf(v.version).join(", ") || "—"}</td>
              <td>
                <details>
                  <summary>{v.verdict.blessed ? "blessed" : "vetoed"}</summary>
                  <ul>
                    {v.verdict.checks.map((c) => (
                      <li key={c.name}>
                        {c.passed ? "✓" : "✗"} {c.name}: {c.detail}
                      </li>
                    ))}
                  </ul>
                </details>
              </td>
              <td>{v.metadata["lathe.precision"] ?? "—"}</td>
              <td>{(v.sizeBytes / 1024).toFixed(1)} KB</td>
              <td>{v.runId && /^[0-9a-f-]{36}$/.test(v.runId) ? <a href={`/runs/${v.runId}`}>{v.runId.slice(0, 8)}</a> : (v.runId ?? "—")}</td>
              <td>{when(v.createdAt)}</td>
              <td>
                <code>{v.sha256.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canDeploy && champion !== null && previous !== null && previous !== champion && <RollbackButton model={model.name} champion={champion} previous={previous} />}
      {canDeploy && <AliasForm model={model.name} versions={model.versions.map((v) => ({ version: v.version, blessed: v.verdict.blessed }))} />}
      {canDeploy && champion !== null && <TrafficForm model={model.name} policy={policy} champion={champion} versions={blessed} />}
      <h2>Alias history</h2>
      {model.history.length === 0 ? (
        <p>No alias has been set.</p>
      ) : (
        <table className="listing" aria-label="Alias history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Alias</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Who</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {model.history.map((h, i) => (
              <tr key={i}>
                <td>{when(h.movedAt)}</td>
                <td>{h.alias}</td>
                <td>{h.fromVersion ?? "—"}</td>
                <td>{h.toVersion}</td>
                <td>{h.movedBy}</td>
                <td>{h.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PageFrame>
  );
}
