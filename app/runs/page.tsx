import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { RunGroups } from "@/components/runs/RunGroups";
import { RunsImport } from "@/components/runs/RunsImport";
import { RunsTable } from "@/components/runs/RunsTable";
import { RUN_SORTS, RUN_STATUSES, type RunListQuery } from "@/lib/api/runs";
import { allows } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/page-access";
import { getStore } from "@/lib/store";

export const metadata = { title: "Runs · Lathe" };
export const dynamic = "force-dynamic";

const FIRST_PAGE = 100;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const numberOr = (v: string | undefined) => (v !== undefined && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);

/**
 * Every training run, sorted and filtered on the server (query string:
 * sort, dir, status, tag, dataset, metricMin, metricMax, group). The list
 * is virtualized and reads further rows as it scrolls, so it stays fast
 * however many runs there are; grouping shows counts and best metric per
 * tag or dataset.
 */
export default async function RunsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const access = await requirePageAccess("runs.read", "/runs");
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path="/runs" elsewhere={access.elsewhere} />;
  const sp = await searchParams;
  const sort = (RUN_SORTS as readonly string[]).includes(one(sp.sort) ?? "") ? (one(sp.sort) as RunListQuery["sort"]) : "created";
  const dir = one(sp.dir) === "asc" ? "asc" : "desc";
  const status = (RUN_STATUSES as readonly string[]).includes(one(sp.status) ?? "") ? (one(sp.status) as RunListQuery["status"]) : undefined;
  const group = one(sp.group) === "tag" || one(sp.group) === "dataset" ? (one(sp.group) as "tag" | "dataset") : undefined;
  const filters = { status, tag: one(sp.tag), dataset: one(sp.dataset), metricMin: numberOr(one(sp.metricMin)), metricMax: numberOr(one(sp.metricMax)) };
  const q: RunListQuery = { sort, dir, ...filters, limit: FIRST_PAGE, offset: 0 };
  const store = await getStore();
  const [{ runs, total }, groups] = await Promise.all([store.runs.listRuns(q), group ? store.runs.groupRuns(group, filters) : Promise.resolve(null)]);
  const params = (over: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ sort, dir, ...filters, ...over })) if (v !== undefined && v !== "") p.set(k, String(v));
    return p;
  };
  const sortLink = (key: RunListQuery["sort"]) => ({
    href: `/runs?${params({ sort: key, dir: sort === key && dir === "desc" ? "asc" : "desc", group })}`,
    arrow: sort === key ? (dir === "desc" ? " ↓" : " ↑") : "",
  });
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
          <input name="tag" defaultValue={filters.tag ?? ""} />
        </label>
        <label>
          Dataset
          <input name="dataset" defaultValue={filters.dataset ?? ""} />
        </label>
        <label>
          Metric at least
          <input name="metricMin" type="number" step="any" defaultValue={filters.metricMin ?? ""} />
        </label>
        <label>
          Metric at most
          <input name="metricMax" type="number" step="any" defaultValue={filters.metricMax ?? ""} />
        </label>
        <label>
          Group by
          <select name="group" defaultValue={group ?? ""}>
            <option value="">no grouping</option>
            <option value="tag">tag</option>
            <option value="dataset">dataset</option>
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <p role="status">
        {total.toLocaleString("en")} run{total === 1 ? "" : "s"}
      </p>
      {groups && group && <RunGroups by={group} groups={groups} hrefFor={Object.fromEntries(groups.map((g) => [g.key, `/runs?${params({ [group]: g.key || undefined })}`]))} />}
      <RunsTable query={params({}).toString()} total={total} first={runs} sorts={{ name: sortLink("name"), metric: sortLink("metric"), created: sortLink("created") }} />
      {allows(access.principal, "runs.write") && <RunsImport />}
    </PageFrame>
  );
}
