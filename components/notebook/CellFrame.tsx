"use client";
import { Component, type ReactNode } from "react";
import dynamic from "next/dynamic";
import type { Cell, CellKind } from "@/lib/api/notebook";
import { SqlCell } from "./SqlCell";
import { ChartCell } from "./ChartCell";
import { ProfileCell } from "./ProfileCell";
import { MarkdownCell } from "./MarkdownCell";
import type { RegisterRun } from "./run-state";
import { assertNever } from "./run-state";

interface Props {
  cell: Cell;
  index: number;
  count: number;
  register: RegisterRun;
  onPatch(patch: Record<string, unknown>): void;
  onMove(delta: -1 | 1): void;
  onDelete(): void;
  onAddBelow(kind: CellKind): void;
  /** A train cell added by Re-run starts training once the data is there; called when it has. */
  autoStart?: { onStarted(): void } | null;
}

// Train, predict and evaluate cells (TF.js clients, ONNX, evaluation views)
// are fetched when a notebook first shows one: the starter notebook has none,
// and the first page stays small enough to be interactive quickly.
const loadingCell = () => <p className="hint">Loading the cell…</p>;
const TrainCell = dynamic(() => import("@/components/train/TrainCell").then((m) => m.TrainCell), { loading: loadingCell });
const PredictCell = dynamic(() => import("./PredictCell").then((m) => m.PredictCell), { loading: loadingCell });
const EvaluateCell = dynamic(() => import("@/components/eval/EvaluateCell").then((m) => m.EvaluateCell), { loading: loadingCell });

const KIND_LABEL: Record<CellKind, string> = { sql: "SQL", markdown: "Markdown", chart: "Chart", profile: "Profile", train: "Train", predict: "Predict", evaluate: "Evaluate" };

/** One cell: its toolbar (move, delete) around the kind-specific body. */
export function CellFrame({ cell, index, count, register, onPatch, onMove, onDelete, autoStart }: Props) {
  const n = index + 1;
  return (
    <li className={`cell cell-${cell.kind}`} aria-label={`Cell ${n}: ${KIND_LABEL[cell.kind]}`} data-cell-id={cell.id}>
      <div className="cell-bar">
        <span className="cell-kind">
          [{n}] {KIND_LABEL[cell.kind]}
        </span>
        <button type="button" aria-label={`Move cell ${n} up`} onClick={() => onMove(-1)} disabled={index === 0}>
          ↑
        </button>
        <button type="button" aria-label={`Move cell ${n} down`} onClick={() => onMove(1)} disabled={index === count - 1}>
          ↓
        </button>
        <button type="button" aria-label={`Delete cell ${n}`} onClick={onDelete}>
          ✕
        </button>
      </div>
      <CellBoundary>{body()}</CellBoundary>
    </li>
  );

  function body(): ReactNode {
    switch (cell.kind) {
      case "sql":
        return <SqlCell cell={cell} index={index} register={register} onChange={(source) => onPatch({ source })} />;
      case "markdown":
        return <MarkdownCell cell={cell} index={index} register={register} onChange={(source) => onPatch({ source })} />;
      case "chart":
        return <ChartCell cell={cell} index={index} register={register} onChange={onPatch} />;
      case "profile":
        return <ProfileCell cell={cell} index={index} register={register} onChange={(table) => onPatch({ table })} />;
      case "train":
        return <TrainCell cell={cell} index={index} onChange={onPatch} autoStart={autoStart ?? null} />;
      case "predict":
        return <PredictCell cell={cell} index={index} register={register} onChange={onPatch} />;
      case "evaluate":
        return <EvaluateCell cell={cell} index={index} register={register} onChange={onPatch} />;
      default:
        return assertNever(cell);
    }
  }
}

/** A rendering bug in one cell shows in that cell; the page and other cells stay. */
class CellBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };
  static getDerivedStateFromError(err: unknown) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  render() {
    if (this.state.error) return <p role="alert">This cell failed to display: {this.state.error}</p>;
    return this.props.children;
  }
}
