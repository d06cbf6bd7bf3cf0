import { z } from "zod";
import { quoteValue } from "@/lib/serve/serve-error";

/**
 * How a served model's requests are split between its champion and one
 * challenger version (the traffic router, lib/serve/traffic.ts, applies it).
 *
 * - champion: every request is answered by the champion.
 * - canary: a share `percent` of callers is answered by the challenger. With
 *   `stickyKey` (a request header or JSON field name, e.g. "x-user-id"), the
 *   value of that field decides the side, so one caller always sees one
 *   version; without it each request is drawn at random.
 * - shadow: the champion answers every request; a share `percent` of them is
 *   also run on the challenger, whose output is logged and never returned.
 *
 * Blue-green is not a mode: it is moving the champion alias to the new
 * version (an alias switch, logged with who moved it and why), after which
 * the policy applies to the new champion unchanged. Rolling back is moving
 * it back.
 *
 * `percent` is a share of 100 (10 = one in ten), any real number from 0 to
 * 100 inclusive, so 0.5 % canaries are possible.
 */

export type TrafficErrorCode =
  /** A traffic policy that does not match the schema (from a request body or a stored row). */
  | "invalid_policy"
  /** The router was called with a champion version or random draw out of range: the server's bug, not the client's. */
  | "invalid_request"
  /** Champion and shadow outputs that cannot be compared: different row counts or kinds, or a non-finite number. */
  | "invalid_outputs";

export class TrafficError extends Error {
  override readonly name = "TrafficError";

  constructor(
    readonly code: TrafficErrorCode,
    /** Short "problem: value" text naming the field at fault. */
    message: string,
  ) {
    super(message);
  }
}

export function isTrafficError(e: unknown): e is TrafficError {
  return e instanceof TrafficError;
}

/** Missing fields say so; present but wrong ones get the rule they broke. */
const required = (rule: string) => (issue: { input?: unknown }) => (issue.input === undefined ? "required" : rule);

const versionSchema = z.number({ error: required("must be a version number") }).int({ error: "must be a whole version number" }).min(1, { error: "must be a version number from 1" });

const percentRule = "must be from 0 to 100";
const percentSchema = z.number({ error: required(percentRule) }).min(0, { error: percentRule }).max(100, { error: percentRule });

/** Header names and JSON field names alike: non-empty, no surrounding spaces, short enough to log. */
const stickyKeySchema = z
  .string({ error: "must be a header or field name, or null" })
  .min(1, { error: "must not be empty (use null for no sticky key)" })
  .max(200, { error: "must be at most 200 characters" })
  .refine((s) => s.trim() === s, { error: "must not start or end with spaces" });

export const championPolicySchema = z.object({ mode: z.literal("champion") }).strict();

export const canaryPolicySchema = z
  .object({
    mode: z.literal("canary"),
    challenger: versionSchema,
    percent: percentSchema,
    /** Omitted means null: requests are split at random. */
    stickyKey: stickyKeySchema.nullable().default(null),
  })
  .strict();

export const shadowPolicySchema = z
  .object({
    mode: z.literal("shadow"),
    challenger: versionSchema,
    percent: percentSchema,
  })
  .strict();

export const trafficPolicySchema = z.discriminatedUnion("mode", [championPolicySchema, canaryPolicySchema, shadowPolicySchema]);

export type TrafficPolicy = z.infer<typeof trafficPolicySchema>;
/** What a client may send: `stickyKey` may be omitted. */
export type TrafficPolicyInput = z.input<typeof trafficPolicySchema>;
export type TrafficMode = TrafficPolicy["mode"];

export const TRAFFIC_MODES: readonly TrafficMode[] = ["champion", "canary", "shadow"];

/** The policy every model has until someone sets one. */
export const DEFAULT_TRAFFIC_POLICY: TrafficPolicy = { mode: "champion" };

/**
 * Validates a policy from outside (a request body, a stored row). Throws
 * TrafficError("invalid_policy") naming the first field at fault, e.g.
 * `percent: must be from 0 to 100 (got 150)`.
 */
export function parseTrafficPolicy(value: unknown): TrafficPolicy {
  const r = trafficPolicySchema.safeParse(value);
  if (r.success) return r.data;
  throw new TrafficError("invalid_policy", describeIssue(r.error.issues[0], value));
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.path.length === 0) {
    if (issue.code === "unrecognized_keys") {
      const mode = (value as { mode?: unknown }).mode;
      return `${issue.keys[0]}: not a field of a ${String(mode)} policy (its fields: ${fieldsOf(mode)})`;
    }
    return `policy: must be an object with a mode (got ${quoteValue(value)})`;
  }
  const field = issue.path.map(String).join(".");
  if (field === "mode") {
    const mode = (value as { mode?: unknown }).mode;
    const modes = TRAFFIC_MODES.map((m) => `"${m}"`).join(", ");
    return mode === undefined ? `mode: required (one of ${modes})` : `mode: must be one of ${modes} (got ${quoteValue(mode)}; blue-green is moving the champion alias, not a mode)`;
  }
  const given = (value as Record<string, unknown>)[String(issue.path[0])];
  return given === undefined ? `${field}: ${issue.message}` : `${field}: ${issue.message} (got ${quoteValue(given)})`;
}

function fieldsOf(mode: unknown): string {
  const schema = mode === "canary" ? canaryPolicySchema : mode === "shadow" ? shadowPolicySchema : championPolicySchema;
  return Object.keys(schema.shape).join(", ");
}
