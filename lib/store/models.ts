import type { GateVerdict, ModelDetail, ModelSummary, ModelVersion, ReferenceBatch } from "@/lib/api/models";
import type { TrafficPolicy } from "@/lib/serve/traffic-policy";

/** A version as pushed, already judged by the gate (lib/serve/gate.ts). */
export interface NewModelVersion {
  model: string;
  bytes: Uint8Array;
  sha256: string;
  metadata: Record<string, string>;
  reference: ReferenceBatch;
  verdict: GateVerdict;
  runId: string | null;
  note: string;
}

/** The file of one version, for loading it into a session. */
export interface ModelFile {
  model: string;
  version: number;
  sha256: string;
  bytes: Uint8Array;
  metadata: Record<string, string>;
  reference: ReferenceBatch;
  blessed: boolean;
}

/**
 * The model registry (models-sql.ts). StoreErrors: "not_found" for an
 * unknown model, version or alias; "conflict" for pointing an alias at a
 * vetoed version.
 */
export interface ModelStore {
  /**
   * Stores a version under the next number of its model, or returns the
   * version that already holds these bytes (`created` false): pushes are
   * idempotent, and concurrent pushes of one model are numbered one by one.
   */
  pushVersion(v: NewModelVersion, createdBy: string): Promise<{ version: ModelVersion; created: boolean }>;
  listModels(): Promise<ModelSummary[]>;
  getModel(model: string): Promise<ModelDetail>;
  /** The version an alias points at, or null when the alias is not set. */
  aliasVersion(model: string, alias: string): Promise<number | null>;
  modelFile(model: string, version: number): Promise<ModelFile>;
  /** Points `alias` at a blessed version and logs who, when, why and from which version. */
  moveAlias(model: string, alias: string, version: number, reason: string, movedBy: string): Promise<ModelDetail>;
  /** The model's traffic policy; { mode: "champion" } when none was set. */
  trafficPolicy(model: string): Promise<TrafficPolicy>;
  /** Sets it; a canary's or shadow's challenger must be a blessed version of the model ("conflict" otherwise). */
  setTrafficPolicy(model: string, policy: TrafficPolicy, updatedBy: string): Promise<TrafficPolicy>;
}
