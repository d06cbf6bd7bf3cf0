"use client";
import { useEffect, useRef, useState } from "react";
import { learningCurveInWorker, trainingBackend } from "@/components/train/train-client";
import type { Run } from "@/lib/api/runs";
import type { Db } from "@/lib/data/db";
import { errorMessage } from "@/lib/data/errors";
import { recordedSettings } from "@/lib/features/settings";
import { DEFAULT_FRACTIONS, type LearningCurve } from "@/lib/train/learning-curve";
import { splitSpecSchema } from "@/lib/train/split";
import type { SliceEvaluation } from "@/lib/api/evaluation";
import { sliceMembers } from "@/lib/eval/slice-members";
import { runDataIpc } from "@/lib/runs/run-data";

/**
 * Retrains the run's model (same features, split and settings) on growing
 * shares of its training split in the training worker, with progress and
 * cancel, and plots train and validation metric, mean ± one standard
 * deviation over the repeats.
 */
/** Slices drawn as their own curves at most: more lines than this are unreadable. */
const MAX_SLICE_CURVES = 4;

export function LearningCurvePanel({ db, run, table, slices, curve, onCurve }: { db: Db; run: Run; table: string; slices: SliceEvaluation[]; curve: LearningCurve | null; onCurve(c: LearningCurve): void }) {
  const [shares, setShares] = useState(DEFAULT_FRACTIONS.map((f) => f * 100).join(", "));
  const [repeats, setRepeats] = useState(3);
  const [state, setState] = useState<{ kind: "idle" } | { kind: "running"; done: number; total: number } | { kind: "error"; message: string }>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const draw = async () => {
    const fractions = shares.split(",").map((s) => Number(s.trim()) / 100);
    if (fractions.some((f) => !(f > 0 && f <= 1))) return setState({ kind: "error", message: `Training shares are percentages from 1 to 100, separated by commas: ${shares}` });
    const split = splitSpecSchema.safeParse(run.config.split);
    if (!split.success || !run.config.source) return setState({ kind: "error", message: `run "${run.name}": its query or split was not recorded, so it cannot be trained again` });
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: "running", done: 0, total: fractions.length * repeats });
    try {
      // The named slices' rows, for per-slice curves on the test split: does more data help this slice?
      const named = slices.filter((sl) => !sl.error && sl.rows > 0).slice(0, MAX_SLICE_CURVES);
      const members = await sliceMembers(db, table, named);
      const sliceRows = named.flatMap((sl, i) => (members[i] instanceof Int32Array ? [{ name: sl.name, rows: members[i] as Int32Array }] : []));
      const ipc = await runDataIpc(db, run, [run.config.target, ...run.config.features, ...(run.config.weightColumn ? [run.config.weightColumn] : [])], "draw the curve again");
      await trainingBackend(pickBackend(run.environment.backend));
      const out = await learningCurveInWorker(
        {
          ipc,
          target: run.config.target,
          features: run.config.features,
          task: run.config.task,
          featureSpec: null,
          featureSettings: recordedSettings(run.config.featureSpec) ?? {},
          modelSpec: run.config.modelSpec,
          split: split.data,
          weightColumn: run.config.weightColumn ?? null,
          fractions,
          repeats,
          sliceRows,
        },
        (_, done, total) => setState({ kind: "running", done, total }),
        controller.signal,
      );
      if (out.kind === "ok") {
        setState({ kind: "idle" });
        onCurve(out.curve);
      } else setState({ kind: "error", message: controller.signal.aborted ? "Learning curve cancelled; nothing was stored." : `The learning curve failed: ${out.message}` });
    } catch (e) {
      setState({ kind: "error", message: controller.signal.aborted ? "Learning curve cancelled; nothing was stored." : `The learning curve failed: ${errorMessage(e)}` });
    } finally {
      abort.current = null;
    }
  };

  return (
    <fieldset className="learning-curve">
      <legend>Learning curve</legend>
      <label>
        Training shares (%)
        <input value={shares} onChange={(e) => setShares(e.target.value)} size={20} />
      </label>
      <label>
        Repeats
        <input type="number" min={1} max={20} value={repeats} onChange={(e) => setRepeats(Math.min(20, Math.max(1, Math.floor(Number(e.target.value) || 1))))} />
      </label>
      <button type="button" onClick={() => void draw()} disabled={state.kind === "running"}>
        Draw learning curve
      </button>
      {state.kind === "running" && (
        <span className="progress-bars">
          <progress aria-label="Learning curve progress" max={state.total} value={state.done} />
          <span role="status">
            {state.done} of {state.total} models trained
          </span>
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel learning curve
          </button>
        </span>
      )}
      {state.kind === "error" && <p role="alert">{state.message}</p>}
      {curve && <CurveChart curve={curve} label={`Learning curve of run ${run.name}`} />}
    </fieldset>
  );
}

/** The run's own backend where it is one the worker knows; WASM otherwise (the fastest here). */
function pickBackend(name: string): "webgpu" | "webgl" | "wasm" | "cpu" {
  return name === "webgpu" || name === "webgl" || name === "cpu" ? name : "wasm";
}

function CurveChart({ curve, label }: { curve: LearningCurve; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import("@observablehq/plot").then((Plot) => {
      const el = ref.current;
      if (cancelled || !el) return;
      const band = (rows: number, split: string, m: { mean: number | null; sd: number | null }) => ({ rows, split, mean: m.mean, lo: m.mean === null ? null : m.mean - (m.sd ?? 0), hi: m.mean === null ? null : m.mean + (m.sd ?? 0) });
      const rows = curve.summary
        .flatMap((s) => [band(s.trainRows, "train", s.train), band(s.trainRows, "validation", s.validation), ...Object.entries(s.slices ?? {}).map(([name, m]) => band(s.trainRows, `test: ${name}`, m))])
        .filter((d) => d.mean !== null);
      el.replaceChildren(
        Plot.plot({
          width: 460,
          height: 240,
          x: { label: "training rows" },
          y: { label: curve.metricName === "rmse" ? "RMSE" : "accuracy", grid: true },
          color: { legend: true },
          marks: [
            Plot.areaY(rows, { x: "rows", y1: "lo", y2: "hi", fill: "split", fillOpacity: 0.15 }),
            Plot.line(rows, { x: "rows", y: "mean", stroke: "split" }),
            Plot.dot(rows, { x: "rows", y: "mean", fill: "split", r: 2.5 }),
          ],
        }),
      );
    });
    return () => {
      cancelled = true;
    };
  }, [curve]);
  return (
    <figure className="chart-figure">
      <div ref={ref} className="chart" role="img" aria-label={label} />
      <figcaption>
        Mean ± one standard deviation over {curve.repeats} repeat{curve.repeats === 1 ? "" : "s"} per share; the same validation rows throughout. Slices (up to {MAX_SLICE_CURVES} named ones) are scored on their test rows.
      </figcaption>
    </figure>
  );
}
