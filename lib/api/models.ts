import { z } from "zod";

/**
 * The model registry's shapes (GET|POST /api/models…): named models, their
 * immutable content-addressed versions, each with the validation gate's
 * verdict, and aliases (champion, challenger, any name) that point at
 * versions, every move logged.
 */

/** Model and alias names: letters, digits, "-", "_", "." — they appear in URLs and must not hold path characters. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const modelNameSchema = z.string().regex(NAME_PATTERN, "must be 1–64 letters, digits, '-', '_' or '.', starting with a letter or digit");

/** One input or output tensor as the v2 protocol writes it: what the reference batch is made of. */
export const tensorSchema = z
  .object({
    name: z.string().min(1).max(500),
    shape: z.array(z.number().int().min(0)).min(1).max(4),
    datatype: z.enum(["FP32", "BYTES"]),
    data: z.array(z.union([z.number(), z.string(), z.null()])).max(1_000_000),
  })
  .strict();
export type TensorJson = z.infer<typeof tensorSchema>;

/** Inputs and what the pushed model must answer for them (the parity gate's rows). */
export const referenceBatchSchema = z
  .object({
    inputs: z.array(tensorSchema).min(1).max(2000),
    outputs: z.array(tensorSchema).min(1).max(10),
  })
  .strict();
export type ReferenceBatch = z.infer<typeof referenceBatchSchema>;

/** POST /api/models/{name}/versions. */
export const pushRequestSchema = z
  .object({
    /** The .onnx file, base64. */
    onnx: z.string().min(1),
    reference: referenceBatchSchema,
    note: z.string().max(2000).default(""),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** PUT /api/models/{name}/aliases/{alias}. */
export const moveAliasRequestSchema = z
  .object({
    version: z.number().int().min(1),
    reason: z.string().trim().min(1, "say why the alias moves").max(2000),
  })
  .strict();
export type MoveAliasRequest = z.infer<typeof moveAliasRequestSchema>;

export interface GateCheck {
  name: string;
  passed: boolean;
  detail: string;
}

/** The validation gate's verdict on one version: blessed only when every check passed. */
export interface GateVerdict {
  blessed: boolean;
  checks: GateCheck[];
}

export interface ModelVersion {
  model: string;
  version: number;
  sha256: string;
  sizeBytes: number;
  /** metadata_props of the file. */
  metadata: Record<string, string>;
  verdict: GateVerdict;
  runId: string | null;
  note: string;
  createdBy: string;
  createdAt: string;
}

export interface AliasMove {
  alias: string;
  fromVersion: number | null;
  toVersion: number;
  movedBy: string;
  movedAt: string;
  reason: string;
}

export interface ModelDetail {
  name: string;
  versions: ModelVersion[];
  /** Alias → version. */
  aliases: Record<string, number>;
  /** Newest first. */
  history: AliasMove[];
}

export interface ModelSummary {
  name: string;
  versions: number;
  latest: number;
  aliases: Record<string, number>;
  updatedAt: string;
}
