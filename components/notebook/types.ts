import type { Cell } from "@/lib/api/notebook";

export type SqlCell = Extract<Cell, { kind: "sql" }>;
export type MarkdownCell = Extract<Cell, { kind: "markdown" }>;
export type ChartCell = Extract<Cell, { kind: "chart" }>;
export type ProfileCell = Extract<Cell, { kind: "profile" }>;
export type TrainCell = Extract<Cell, { kind: "train" }>;
export type PredictCell = Extract<Cell, { kind: "predict" }>;
export type EvaluateCell = Extract<Cell, { kind: "evaluate" }>;
