import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { CompareCurves, type CurveKey } from "@/components/runs/CompareCurves";
import { ParallelCoordinatesChart } from "@/components/runs/ParallelCoordinatesChart";
import { runsForPage } from "@/components/runs/run-page";
import { requirePageAccess } from "@/lib/auth/page-access";
import { metricDeltas, overlayCurves, runLabels } from "@/lib/runs/compare";
import { configDiff } from "@/lib/runs/config-diff";
import { parallelCoordinates } from "@/lib/runs/parallel-coordinates";

export const metadata = { title: "Compare runs · Lathe" };
export const dynamic = "force-dynamic";

const MAX_RUNS = 20;
type Search = Record<string, string | string[] | undefined>;
const fmt = (x: number | null) => (x === null ? "—" : x.toFixed(4));
const signed = (x: number | null) => (x === null ? "" : x === 0 ? "±0" : `${x > 0 ? "+" : "−"}${Math.abs(x).toFixed(4)}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Long values (the training SQL) are cut so the diff table stays readable; the full text is in the cell's title. */
const short = (v: unknown) => {
  const s = v === null || v === undefined ? "—" : String(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

/**
 * Two or more runs side by side (`/runs/compare?ids=a,b,c`, the first is
 * the base): the settings that differ, metric deltas against the base,
 * overlaid learning curves, and hyperparameters against a score as parallel
 * coordinates.
 */
export default async function ComparePage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const raw = [sp.ids, sp.id].flat().filter((v): v is string => typeof v === "string");
  const ids = [...new Set(raw.flatMap((v) => v.split(",")).map((s) => s.trim()).filter(Boolean))];
  const path = `/runs/compare?ids=${ids.join(",")}`;
  const access = await requirePageAccess("runs.read", path);
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path={path} elsewhere={access.elsewhere} />;
  const bad = ids.filter((id) => !UUID.test(id));
  if (ids.length < 2 || ids.length > MAX_RUNS || bad.length > 0) {
    return (
      <PageFrame title="Compare runs">
        <p role="alert">
          {bad.length > 0 ? `Not run ids: ${bad.join(", ")}. ` : ""}Choose between 2 and {MAX_RUNS} runs on the <a href="/runs">runs page</a> and press Compare selected.
        </p>
      </PageFrame>
    );
  }
  const runs = await runsForPage(ids);
  const labels = runLabels(runs);
  const diff = configDiff(runs);
  const deltas = metricDeltas(runs, 0);
  const metricName = runs[0].metricName;
  const curves = Object.fromEntries(
    (["train", "validation"] as const).flatMap((split) => (["loss", "metric"] as const).map((m) => [`${split}-${m}` as CurveKey, overlayCurves(runs, split, m)])),
  ) as Record<CurveKey, ReturnType<typeof overlayCurves>>;
  const byScore = {
    [`validation ${metricName}`]: parallelCoordinates(runs, { split: "validation", of: "model", measure: "metric" }),
    [`test ${metricName}`]: parallelCoordinates(runs, { split: "test", of: "model", measure: "metric" }),
    "validation loss": parallelCoordinates(runs, { split: "validation", of: "model", measure: "loss" }),
  };
  return (
    <PageFrame title={`Compare ${runs.length} runs`}>
      <p className="links-inline">
        <a href="/runs">All runs</a>
        <a href={`/api/runs/export?ids=${ids.join(",")}`} download>
          Export these runs as JSON
        </a>
      </p>
      <h3>Settings that differ</h3>
      {diff.rows.length === 0 ? (
        <p role="status">These runs used the same settings ({diff.identical} settings compared).</p>
      ) : (
        <table className="listing" aria-label="Settings that differ">
          <caption>{diff.identical} other settings are identical.</caption>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              {labels.map((l, i) => (
                <th scope="col" key={runs[i].id}>
                  <a href={`/runs/${runs[i].id}`}>{l}</a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((r) => (
              <tr key={r.path}>
                <th scope="row">{r.path}</th>
                {r.values.map((v, i) => (
                  <td key={i} title={v === null ? undefined : String(v)}>
                    {short(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Metrics (deltas against {labels[0]})</h3>
      <table className="listing" aria-label="Metric deltas">
        <thead>
          <tr>
            <th scope="col">Split</th>
            <th scope="col">Measure</th>
            {labels.map((l, i) => (
              <th scope="col" key={runs[i].id}>
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {deltas.map((d) => (
            <tr key={`${d.split}-${d.measure}`}>
              <th scope="row">{d.split}</th>
              <td>{d.label}</td>
              {d.values.map((v, i) => (
                <td key={i} className={d.better[i] === true ? "better" : d.better[i] === false ? "worse" : undefined}>
                  {fmt(v)} {i > 0 && d.deltas[i] !== null ? <span aria-label={`${d.better[i] ? "better" : d.deltas[i] === 0 ? "same" : "worse"} by ${Math.abs(d.deltas[i]!).toFixed(4)}`}>({signed(d.deltas[i])})</span> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Learning curves</h3>
      <CompareCurves series={curves} metricName={metricName} />
      <h3>Hyperparameters against a score</h3>
      <ParallelCoordinatesChart byScore={byScore} />
    </PageFrame>
  );
}
