"use client";
import { useEffect, useRef, useState } from "react";
import type { EvaluateCell } from "@/components/notebook/types";
import type { Db } from "@/lib/data/db";
import { errorMessage } from "@/lib/data/errors";
import { quoteIdent } from "@/lib/data/sql";
import { EVAL_COLUMNS } from "@/lib/eval/held-out-table";
import { columnKind } from "@/lib/eval/slices";
import { sliceContext, sliceWhere } from "@/lib/eval/slice-members";
import { describeSlice, sliceConditions, type BinnedColumn, type LevelStats, type RawColumn, type Slice } from "@/lib/eval/slicing";
import { conditionsToSliceText } from "@/lib/eval/slicing/to-slice";
import { searchRawSlices } from "./slice-client";
import type { RowsRequest } from "./RowsView";

type NamedSlice = EvaluateCell["slices"][number];

interface Found {
  slice: Slice;
  text: string;
  words: string;
}

/**
 * Automatic slice discovery (SliceLine, Sagadeeva & Boehm, SIGMOD 2021) in
 * the slice worker, over the held-out rows: the chosen columns binned there
 * (quantiles for numbers, rare categories pooled), each row's error the
 * model's 0/1 mistake (classification) or squared error (regression). The
 * best slices so far show as each level of the lattice completes; Cancel
 * stops at the next yield. A found slice opens its rows or becomes a named
 * slice.
 */
export function SliceSearch({
  db,
  table,
  columns,
  regression,
  errors,
  onShow,
  onAddSlice,
}: {
  db: Db;
  table: string;
  columns: string[];
  regression: boolean;
  /** Another per-row error than the model's own (e.g. where two runs disagree), in ascending _row order, and what it is called. */
  errors?: { label: string; legend: string; values: Float64Array };
  onShow(r: RowsRequest): void;
  onAddSlice(s: NamedSlice): void;
}) {
  const [chosen, setChosen] = useState<string[]>(columns.slice(0, 8));
  const [alpha, setAlpha] = useState(0.95);
  const [minSupport, setMinSupport] = useState(10);
  const [maxLevel, setMaxLevel] = useState(3);
  const [topK, setTopK] = useState(10);
  const [state, setState] = useState<{ kind: "idle" } | { kind: "running"; levels: LevelStats[] } | { kind: "done"; levels: LevelStats[]; ms: number; meanError: number } | { kind: "cancelled" } | { kind: "error"; message: string }>({ kind: "idle" });
  const [found, setFound] = useState<Found[]>([]);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const search = async () => {
    if (chosen.length === 0) return setState({ kind: "error", message: "Choose at least one column to slice by." });
    const controller = new AbortController();
    abort.current = controller;
    setFound([]);
    setState({ kind: "running", levels: [] });
    try {
      const read = await readColumns(db, table, chosen, regression);
      if (errors && errors.values.length !== read.errors.length) throw new Error(`the comparison covers ${errors.values.length} rows, the held-out table ${read.errors.length}; compare again`);
      // The worker takes ownership of what it is sent: a copy keeps the comparison's own array for the next search.
      const rowErrors = errors ? Float64Array.from(errors.values) : read.errors;
      const levels: LevelStats[] = [];
      let binned: BinnedColumn[] = [];
      const describe = (slices: readonly Slice[]) => slices.map((slice) => describeFound(slice, binned));
      // Level reports come over the callback's own message port, the result over the worker's:
      // the last report can arrive after the result, and must not put the search back to "running".
      let settled = false;
      const out = await searchRawSlices(
        { raw: read.raw, errors: rowErrors, params: { alpha, minSupport, maxLevel, topK }, bins: 5 },
        (event) => {
          if (settled || controller.signal.aborted) return;
          if (event.kind === "binned") {
            binned = event.columns;
            return;
          }
          levels.push(event.stats);
          setFound(describe(event.topK));
          setState({ kind: "running", levels: [...levels] });
        },
        controller.signal,
      );
      settled = true;
      if (out.kind === "ok") {
        setFound(describe(out.result.topK));
        setState({ kind: "done", levels: out.result.levels, ms: out.ms, meanError: out.result.meanError });
      } else setState(out.kind === "cancelled" ? { kind: "cancelled" } : { kind: "error", message: `The slice search failed: ${out.message}` });
    } catch (e) {
      setState({ kind: "error", message: `The slice search failed: ${errorMessage(e)}` });
    } finally {
      abort.current = null;
    }
  };

  const running = state.kind === "running";
  return (
    <fieldset className="slice-search">
      <legend>{errors ? errors.legend : "Find problem slices (SliceLine)"}</legend>
      <div className="cell-actions" role="group" aria-label="Columns to slice by">
        {columns.map((c) => (
          <label key={c}>
            <input type="checkbox" checked={chosen.includes(c)} onChange={(e) => setChosen(e.target.checked ? [...chosen, c] : chosen.filter((x) => x !== c))} disabled={running} /> {c}
          </label>
        ))}
      </div>
      <div className="cell-actions">
        <label>
          α (error weight)
          <input type="number" step="0.01" min={0.01} max={1} value={alpha} onChange={(e) => setAlpha(Math.min(1, Math.max(0.01, Number(e.target.value) || 0.95)))} disabled={running} />
        </label>
        <label>
          Minimum rows
          <input type="number" min={1} value={minSupport} onChange={(e) => setMinSupport(Math.max(1, Math.floor(Number(e.target.value) || 1)))} disabled={running} />
        </label>
        <label>
          Most conditions
          <input type="number" min={1} max={5} value={maxLevel} onChange={(e) => setMaxLevel(Math.min(5, Math.max(1, Math.floor(Number(e.target.value) || 1))))} disabled={running} />
        </label>
        <label>
          Top K
          <input type="number" min={1} max={50} value={topK} onChange={(e) => setTopK(Math.min(50, Math.max(1, Math.floor(Number(e.target.value) || 1))))} disabled={running} />
        </label>
        <button type="button" onClick={() => void search()} disabled={running}>
          Find slices
        </button>
        {running && (
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel search
          </button>
        )}
      </div>
      {state.kind === "running" && <p role="status">Searching: {state.levels.length === 0 ? "level 1…" : `level ${state.levels.length} done (${state.levels.reduce((s, l) => s + l.evaluated, 0).toLocaleString("en-US")} slices evaluated)…`}</p>}
      {state.kind === "done" && (
        <p role="status">
          Done in {Math.round(state.ms)} ms: {state.levels.reduce((s, l) => s + l.evaluated, 0).toLocaleString("en-US")} slices evaluated over {state.levels.length} levels; mean error {state.meanError.toFixed(3)}. {found.length === 0 ? "No slice does worse than the whole at this support." : ""}
        </p>
      )}
      {state.kind === "cancelled" && <p role="status">Slice search cancelled.</p>}
      {state.kind === "error" && <p role="alert">{state.message}</p>}
      {found.length > 0 && (
        <table className="listing" aria-label={errors ? `Slices found: ${errors.legend}` : "Slices found"}>
          <thead>
            <tr>
              <th scope="col">Slice</th>
              <th scope="col">Rows</th>
              <th scope="col">{errors ? errors.label : regression ? "Mean squared error" : "Error rate"}</th>
              <th scope="col">Score</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {found.map((f, i) => (
              <tr key={f.text}>
                <th scope="row">{f.words}</th>
                <td>{f.slice.size.toLocaleString("en-US")}</td>
                <td>{(f.slice.errorSum / f.slice.size).toFixed(3)}</td>
                <td>{f.slice.score.toFixed(3)}</td>
                <td>
                  <button type="button" aria-label={`Show the rows of found slice ${i + 1}`} onClick={() => void show(f)}>
                    Show rows
                  </button>{" "}
                  <button type="button" aria-label={`Add found slice ${i + 1} as a named slice`} onClick={() => onAddSlice({ name: `found ${i + 1}`, definition: f.text, pinned: false, threshold: null })}>
                    Add as named slice
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );

  async function show(f: Found) {
    try {
      onShow({ title: f.words, where: await sliceWhere(db, await sliceContext(db, table), f.text) });
    } catch (e) {
      setState({ kind: "error", message: `The slice's rows could not be selected: ${errorMessage(e)}` });
    }
  }
}

function describeFound(slice: Slice, binned: BinnedColumn[]): Found {
  return { slice, text: conditionsToSliceText(sliceConditions(slice.predicates, binned)), words: describeSlice(slice.predicates, binned) };
}

/**
 * The chosen columns and each row's error, in one query over the held-out
 * table: numbers stay numbers (quantile bins), everything else is text
 * (categories).
 */
async function readColumns(db: Db, table: string, chosen: string[], regression: boolean): Promise<{ raw: RawColumn[]; errors: Float64Array }> {
  const { columns: types } = await sliceContext(db, table);
  const numeric = (t: string) => columnKind(t) === "number";
  const error = regression ? quoteIdent(EVAL_COLUMNS.loss) : `CASE WHEN ${quoteIdent(EVAL_COLUMNS.correct)} THEN 0 ELSE 1 END`;
  const select = chosen.map((c, i) => (numeric(types[c] ?? "") ? `${quoteIdent(c)}::DOUBLE AS c${i}` : `${quoteIdent(c)}::VARCHAR AS c${i}`));
  // In _row order, so an error array from elsewhere (a comparison) lines up.
  const t = await db.query(`SELECT ${select.join(", ")}, (${error})::DOUBLE AS err FROM ${quoteIdent(table)} ORDER BY ${quoteIdent(EVAL_COLUMNS.row)}`);
  const raw: RawColumn[] = chosen.map((name, i) => {
    const v = t.getChild(`c${i}`)!;
    // Numbers as Float64Array (NaN = missing) so they transfer to the worker instead of being copied.
    return numeric(types[name] ?? "") ? { kind: "numeric", name, values: Float64Array.from(v, (x) => (x === null ? NaN : Number(x))) } : { kind: "categorical", name, values: Array.from(v, (x) => (x === null ? null : String(x))) };
  });
  return { raw, errors: Float64Array.from(t.getChild("err")!.toArray() as ArrayLike<number>) };
}
