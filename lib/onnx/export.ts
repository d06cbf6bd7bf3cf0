import { MISSING_CATEGORY } from "@/lib/features/compile-onnx";
import type { FeatureStats } from "./feature-stats";
import { GraphBuilder, ML_DOMAIN } from "./graph";
import { inputSchema } from "./inputs";
import { buildModelGraph, type ExportableModel, type Precision } from "./model-graph";
import { encodeModel, type ModelProto } from "./proto";

/**
 * IR 8 with opset 17 (and ai.onnx.ml 3): what ONNX 1.12's checker accepts
 * and every onnxruntime since 1.13 loads, web and node alike.
 */
export const IR_VERSION = 8;
export const OPSET = 17;
export const ML_OPSET = 3;

/** Where the model came from, carried in metadata_props. */
export interface Lineage {
  runId: string;
  runName: string;
  datasetName: string;
  datasetFingerprint: string | null;
  labelSnapshot: string | null;
  appVersion: string;
  /** The run's stored scores, as recorded. */
  metrics: unknown;
  /** Training-split statistics of each raw input, for drift monitoring. */
  featureStats: FeatureStats;
}

/** metadata_props keys; values are text or compact JSON. */
export const META = {
  runId: "lathe.run_id",
  runName: "lathe.run_name",
  dataset: "lathe.dataset",
  fingerprint: "lathe.dataset_fingerprint",
  labelSnapshot: "lathe.label_snapshot",
  appVersion: "lathe.app_version",
  task: "lathe.task",
  classes: "lathe.classes",
  precision: "lathe.precision",
  inputs: "lathe.inputs",
  featureStats: "lathe.feature_stats",
  metrics: "lathe.metrics",
  missingCategory: "lathe.missing_category",
} as const;

export function buildModelProto(m: ExportableModel, precision: Precision, lineage: Lineage): ModelProto {
  const g = new GraphBuilder();
  buildModelGraph(g, m, precision);
  const meta: Record<string, string> = {
    [META.runId]: lineage.runId,
    [META.runName]: lineage.runName,
    [META.dataset]: lineage.datasetName,
    [META.fingerprint]: lineage.datasetFingerprint ?? "",
    [META.labelSnapshot]: lineage.labelSnapshot ?? "",
    [META.appVersion]: lineage.appVersion,
    [META.task]: m.task,
    [META.classes]: JSON.stringify(m.classes ?? []),
    [META.precision]: precision,
    // The fitted transform itself lives in the graph only (the run keeps its fitted spec): the file carries no second copy.
    [META.inputs]: JSON.stringify(inputSchema(m.fitted)),
    [META.featureStats]: JSON.stringify(lineage.featureStats),
    [META.metrics]: JSON.stringify(lineage.metrics ?? null),
    [META.missingCategory]: MISSING_CATEGORY,
  };
  return {
    ir_version: IR_VERSION,
    opset_import: [
      { domain: "", version: OPSET },
      { domain: ML_DOMAIN, version: ML_OPSET },
    ],
    producer_name: "lathe",
    producer_version: lineage.appVersion,
    model_version: 1,
    doc_string: `${m.task} model of run ${lineage.runName} (${lineage.runId}), ${precision}`,
    graph: g.graph(`lathe_${m.task}`),
    metadata_props: Object.entries(meta).map(([key, value]) => ({ key, value })),
  };
}

/** The .onnx file's bytes. */
export function exportOnnx(m: ExportableModel, precision: Precision, lineage: Lineage): Uint8Array {
  return encodeModel(buildModelProto(m, precision, lineage));
}

/** metadata_props as a plain object. */
export function metadataOf(model: ModelProto): Record<string, string> {
  return Object.fromEntries(model.metadata_props.map((p) => [p.key, p.value]));
}
