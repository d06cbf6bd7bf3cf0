import type { RunGroup, RunGroupBest } from "@/lib/api/runs";

const best = (name: string, b: RunGroupBest | null) =>
  b && (
    <a href={`/runs/${b.runId}`} key={name}>
      {name} {b.value.toFixed(4)}
    </a>
  );

/** Runs grouped by tag or dataset: how many, the best validation metric, the latest start; each group links to its runs. */
export function RunGroups({ by, groups, hrefFor }: { by: "tag" | "dataset"; groups: RunGroup[]; hrefFor: Record<string, string> }) {
  return (
    <table className="listing" aria-label={`Runs by ${by}`}>
      <thead>
        <tr>
          <th scope="col">{by === "tag" ? "Tag" : "Dataset"}</th>
          <th scope="col">Runs</th>
          <th scope="col">Best validation metric</th>
          <th scope="col">Latest</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key}>
            <th scope="row">{g.key === "" ? <em>untagged</em> : <a href={hrefFor[g.key]}>{g.key}</a>}</th>
            <td>{g.count.toLocaleString("en")}</td>
            <td className="links-inline">{g.best.accuracy || g.best.rmse ? [best("accuracy", g.best.accuracy), best("RMSE", g.best.rmse)] : "—"}</td>
            <td>{g.latest.replace("T", " ").slice(0, 19)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
