import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { RUN_SORTS, RUN_STATUSES, type RunListQuery } from "@/lib/api/runs";
import { requirePageAccess } from "@/lib/auth/page-access";
import { getStore } from "@/lib/store";

export const metadata = { title: "Runs · Lathe" };
export const dynamic = "force-dynamic";

const PAGE = 100;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/**
 * Every training run, sorted and filtered on the server (query string:
 * sort, dir, status, tag, dataset, page), a hundred per page, so the list
 * stays fast however many runs there are.
 */
export default async function RunsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const access = await requirePageAccess("runs.read", "/runs");
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path="/runs" elsewhere={access.elsewhere} />;
  const sp = await searchParams;
  const sort = (RUN_SORTS as readonly string[]).includes(one(sp.sort) ?? "") ? (one(sp.sort) as RunListQuery["sort"]) : "created";
  const dir = one(sp.dir) === "asc" ? "asc" : "desc";
  const status = (RUN_STATUSES as readonly string[]).includes(one(sp.status) ?? "") ? (one(sp.status) as RunListQuery["status"]) : undefined;
  const page = Math.max(0, Math.floor(Number(one(sp.page) ?? 0)) || 0);
  const q: RunListQuery = { sort, dir, status, tag: one(sp.tag), dataset: one(sp.dataset), limit: PAGE, offset: page * PAGE };
  const { runs, total } = await (await getStore()).runs.listRuns(q);
  const link = (over: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ sort, dir, status, tag: q.tag, dataset: q.dataset, page, ...over })) if (v !== undefined && v !== "" && v !== 0) params.set(k, String(v));
    return `/runs?${params}`;
  };
  const header = (key: RunListQuery["sort"], label: string) => (
    <a href={link({ sort: key, dir: sort === key && dir === "desc" ? "asc" : "desc", page: undefined })} aria-label={`Sort by ${label}`}>
      {label}
      {sort === key ? (dir === "desc" ? " ↓" : " ↑") : ""}
    </a>
  );
  return (
    <PageFrame title="Runs">
      <form className="run-filters" method="get" action="/runs">
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <label>
          Status
          <select name="status" defaultValue={status ?? ""}>
            <option value="">any</option>
            {RUN_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <input name="tag" defaultValue={q.tag ?? ""} />
        </label>
        <label>
          Dataset
          <input name="dataset" defaultValue={q.dataset ?? ""} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <p role="status">
        {total.toLocaleString("en")} run{total === 1 ? "" : "s"}
        {total > PAGE ? `, showing ${q.offset + 1}–${Math.min(total, q.offset + PAGE)}` : ""}
      </p>
      <table className="listing" aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">{header("name", "Name")}</th>
            <th scope="col">Status</th>
            <th scope="col">Dataset</th>
            <th scope="col">{header("metric", "Validation metric")}</th>
            <th scope="col">Tags</th>
            <th scope="col">{header("created", "Started")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>{r.status}</td>
              <td>{r.datasetName}</td>
              <td>{r.primaryMetric === null ? "—" : `${r.metricName} ${r.primaryMetric.toFixed(4)}`}</td>
              <td>{r.tags.join(", ")}</td>
              <td>{r.createdAt.replace("T", " ").slice(0, 19)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="links-inline">
        {page > 0 && <a href={link({ page: page - 1 })}>Previous page</a>}
        {q.offset + PAGE < total && <a href={link({ page: page + 1 })}>Next page</a>}
      </p>
    </PageFrame>
  );
}
