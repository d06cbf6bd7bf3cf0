import type { ItemHistory, LabelProject } from "@/lib/api/labels";
import { ItemView } from "./ItemView";

type Event = { at: string; key: string; order: number; who: string; what: string; note: string };

function events(h: ItemHistory): Event[] {
  const out: Event[] = [
    ...h.annotations.map((a) => ({
      at: a.createdAt,
      key: `a${a.id}`,
      order: a.id,
      who: a.userName,
      what: `${a.kind}${a.labels.length ? `: ${a.labels.join(", ")}` : ""} (version ${a.version}${a.durationMs ? `, ${(a.durationMs / 1000).toFixed(1)} s on screen` : ""})`,
      note: a.reason,
    })),
    ...h.adjudications.map((j) => ({
      at: j.createdAt,
      key: `j${j.id}`,
      order: j.id,
      who: j.reviewerName ?? "automatic",
      what: j.excluded ? "excluded as ambiguous" : j.labels.length ? `gold: ${j.labels.join(", ")}` : "gold withdrawn",
      // The flag this decision settled (sent by monitoring or error analysis) says why the item came back.
      note: j.flagReason ? `${j.reason ? `${j.reason} · ` : ""}settles flag: ${j.flagReason.split("\n").join("; ")}` : j.reason,
    })),
    ...h.comments.map((c) => ({ at: c.createdAt, key: `c${c.id}`, order: c.id, who: c.userName, what: "comment", note: c.body })),
  ];
  // Same millisecond: answers, then decisions, then comments, each by id.
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key, "en", { numeric: true }) || a.order - b.order);
}

/** Everything that happened to one item, oldest first: the audit trail. Nothing in it is ever edited. */
export function ItemHistoryView({ project, history }: { project: LabelProject; history: ItemHistory }) {
  return (
    <>
      <p>
        <a href={`/projects/${project.id}`}>Back to {project.name}</a>
      </p>
      <ItemView itemKey={history.key} data={history.data} columns={project.displayColumns} />
      <table className="listing" aria-label="Item history">
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Reason or comment</th>
          </tr>
        </thead>
        <tbody>
          {events(history).map((e) => (
            <tr key={e.key}>
              <td>{e.at.replace("T", " ").slice(0, 19)}</td>
              <td>{e.who}</td>
              <td>{e.what}</td>
              <td>{e.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
