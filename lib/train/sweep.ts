import { z } from "zod";
import { modelSpecSchema, parseModelSpec, type ModelSpec, type ModelSpecInput } from "./model-spec";
import { Random } from "./random";

/**
 * A hyperparameter sweep: trials of one base model that differ only in the
 * swept parameters. "grid" runs every combination of explicit values;
 * "random" draws `trials` combinations from a generator seeded by the sweep,
 * so the same sweep replays the same trials (random search: Bergstra &
 * Bengio, JMLR 13, 2012). Every trial keeps the base model's seed, so weight
 * initialisation and batch order do not vary between trials.
 */

/** Most trials one sweep may make: each trial is a full training run in the browser. */
export const MAX_TRIALS = 50;
/** Most values one parameter may list, and most parameters one sweep may vary. */
export const MAX_VALUES = 10;
export const MAX_PARAMS = 4;

export type SweepErrorCode =
  /** the sweep spec fails its schema. */
  | "invalid_sweep"
  /** a grid whose combinations exceed MAX_TRIALS. */
  | "too_many_trials"
  /** hidden, dropout or activation swept on a linear model, where they do nothing. */
  | "mlp_only"
  /** a trial's model spec fails the model schema. */
  | "invalid_trial"
  /** a token in the sweep form's text that is not a valid value. */
  | "bad_text";

export class SweepError extends Error {
  override readonly name = "SweepError";
  constructor(
    readonly code: SweepErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// Each swept value meets the bound the model spec puts on it, so a bad value
// is named against its parameter before any trial is built.
const shape = modelSpecSchema.shape;
const numericValues = {
  /** Both optimizers bound it to (0, 10]. */
  learningRate: z.number().positive().max(10),
  batchSize: shape.batchSize.unwrap(),
  epochs: shape.epochs.unwrap(),
  dropout: shape.dropout.unwrap(),
  l2: shape.l2.unwrap(),
};
const valueSchemas = {
  ...numericValues,
  /** Units per hidden layer, input side first. */
  hidden: shape.hidden.unwrap(),
  optimizer: z.enum(["adam", "sgd"]),
  activation: shape.activation.unwrap(),
};

export type SweepParamName = keyof typeof valueSchemas;
export type NumericParamName = keyof typeof numericValues;
export const SWEEP_PARAMS = Object.keys(valueSchemas) as SweepParamName[];
export type SweepValue<N extends SweepParamName> = z.output<(typeof valueSchemas)[N]>;
/** The swept parameters of one trial, in the order the sweep lists them. */
export type SweepOverrides = { [N in SweepParamName]?: SweepValue<N> };

/** Drawn values are rounded to whole numbers for these. */
const INTEGER_PARAMS: ReadonlySet<SweepParamName> = new Set(["batchSize", "epochs"]);
/** Each does nothing on a linear model, whose forward pass has no hidden layer. */
const MLP_ONLY: Partial<Record<SweepParamName, string>> = {
  hidden: "hidden layers apply to MLPs only",
  dropout: "dropout applies to MLPs only",
  activation: "activation applies to MLPs only",
};

function rangeOf(value: z.ZodNumber) {
  return z
    .object({ min: value, max: value, scale: z.enum(["linear", "log"]) })
    .strict()
    .refine((r) => r.min <= r.max, "min must not exceed max")
    .refine((r) => r.scale === "linear" || r.min > 0, "a log scale needs min > 0");
}
export type SweepRange = z.output<ReturnType<typeof rangeOf>>;

function valuesParam<N extends SweepParamName>(name: N) {
  const values = z.array(valueSchemas[name] as (typeof valueSchemas)[N]).min(1).max(MAX_VALUES);
  return z.object({ name: z.literal(name), values }).strict();
}

/** A numeric parameter of a random sweep: values to pick from, or a range to draw from (not both). */
function randomNumericParam<N extends NumericParamName>(name: N) {
  const value = numericValues[name];
  return z
    .object({ name: z.literal(name), values: z.array(value).min(1).max(MAX_VALUES).optional(), range: rangeOf(value).optional() })
    .strict()
    .refine((p) => (p.values === undefined) !== (p.range === undefined), `${name}: give either values or a range`)
    .transform((p): { name: N; values: number[] } | { name: N; range: SweepRange } =>
      p.range !== undefined ? { name: p.name, range: p.range } : { name: p.name, values: p.values ?? [] },
    );
}

const gridParamSchema = z.discriminatedUnion("name", [
  valuesParam("learningRate"),
  valuesParam("batchSize"),
  valuesParam("epochs"),
  valuesParam("hidden"),
  valuesParam("dropout"),
  valuesParam("l2"),
  valuesParam("optimizer"),
  valuesParam("activation"),
]);
const randomParamSchema = z.discriminatedUnion("name", [
  randomNumericParam("learningRate"),
  randomNumericParam("batchSize"),
  randomNumericParam("epochs"),
  valuesParam("hidden"),
  randomNumericParam("dropout"),
  randomNumericParam("l2"),
  valuesParam("optimizer"),
  valuesParam("activation"),
]);
/** A swept parameter with explicit values (any sweep). */
export type GridParam = z.output<typeof gridParamSchema>;
/** A swept parameter of a random sweep: explicit values, or a numeric range. */
export type SweepParam = z.output<typeof randomParamSchema>;

function paramList<T extends z.ZodType<{ name: string }>>(param: T) {
  return z
    .array(param)
    .min(1)
    .max(MAX_PARAMS)
    .superRefine((params, ctx) => {
      const seen = new Set<string>();
      for (const p of params) {
        if (seen.has(p.name)) ctx.addIssue({ code: "custom", message: `${p.name} is swept twice` });
        seen.add(p.name);
      }
    });
}

const seed = z.number().int().min(0).max(0xffffffff);
export const sweepSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("grid"), seed, params: paramList(gridParamSchema) }).strict(),
  z.object({ kind: z.literal("random"), trials: z.number().int().min(1).max(MAX_TRIALS), seed, params: paramList(randomParamSchema) }).strict(),
]);
export type SweepSpec = z.output<typeof sweepSpecSchema>;
export type SweepSpecInput = z.input<typeof sweepSpecSchema>;

export type SweepTrial = {
  /** 0-based, in expansion order. */
  index: number;
  /** Only the swept parameters: for labels and run tags. */
  overrides: SweepOverrides;
  /** The base model with the overrides applied, validated. */
  modelSpec: ModelSpec;
};

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/** Validates a sweep from outside (a request body, the sweep form); throws SweepError("invalid_sweep"). */
export function parseSweepSpec(input: unknown): SweepSpec {
  const r = sweepSpecSchema.safeParse(input);
  if (!r.success) throw new SweepError("invalid_sweep", `invalid sweep: ${formatIssues(r.error.issues)}`);
  return r.data;
}

/**
 * The trials of `sweep` over `base`. Grid: the Cartesian product with the
 * first parameter outermost and the last varying fastest (as Python's
 * itertools.product), at most MAX_TRIALS. Random: `trials` draws from one
 * generator seeded by `sweep.seed`, parameters drawn in listed order within a
 * trial; repeated combinations are kept so the trial count is what was asked.
 */
export function expandSweep(base: ModelSpec, sweep: SweepSpec): SweepTrial[] {
  const spec = parseSweepSpec(sweep);
  if (base.kind !== "mlp") {
    for (const p of spec.params) {
      const message = MLP_ONLY[p.name];
      if (message !== undefined) throw new SweepError("mlp_only", message);
    }
  }
  const combos = spec.kind === "grid" ? gridCombos(spec.params) : randomCombos(spec.params, spec.trials, spec.seed);
  return combos.map((overrides, index) => ({ index, overrides, modelSpec: applyOverrides(base, overrides, index) }));
}

function gridCombos(params: readonly GridParam[]): SweepOverrides[] {
  const sizes = params.map((p) => p.values.length);
  const total = sizes.reduce((a, b) => a * b, 1);
  if (total > MAX_TRIALS) {
    throw new SweepError("too_many_trials", `grid too large: ${sizes.join(" × ")} = ${total} trials, the cap is ${MAX_TRIALS}`);
  }
  let combos: Record<string, unknown>[] = [{}];
  for (const p of params) combos = combos.flatMap((c) => (p.values as unknown[]).map((v) => ({ ...c, [p.name]: v })));
  // Each value passed its parameter's schema, so the record is an overrides object.
  return combos as SweepOverrides[];
}

function randomCombos(params: readonly SweepParam[], trials: number, seed: number): SweepOverrides[] {
  const rng = new Random(seed);
  return Array.from({ length: trials }, () => {
    const combo: Record<string, unknown> = {};
    for (const p of params) {
      combo[p.name] = "range" in p ? drawFromRange(p.range, INTEGER_PARAMS.has(p.name), rng) : p.values[rng.int(p.values.length)];
    }
    return combo as SweepOverrides;
  });
}

/**
 * One draw from a range: uniform on [min, max] ("linear") or uniform in
 * log(value) ("log", the log-uniform or reciprocal distribution — SciPy's
 * `loguniform`), so each decade of a log range gets the same share of draws.
 */
export function drawFromRange(range: SweepRange, integer: boolean, rng: Random): number {
  const u = rng.float();
  const { min, max } = range;
  let x = range.scale === "log" ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
  if (integer) x = Math.round(x);
  // exp(log(m)) can land an ulp beyond m; the bounds are the user's promise.
  return Math.min(max, Math.max(min, x));
}

function applyOverrides(base: ModelSpec, o: SweepOverrides, index: number): ModelSpec {
  const { learningRate, optimizer: kind, ...rest } = o;
  let optimizer: ModelSpecInput["optimizer"] = base.optimizer;
  // Switching optimizer keeps the base learning rate, so an optimizer sweep
  // compares optimizers rather than step sizes; sgd's momentum takes its
  // default (0.9) when the base was adam.
  if (kind !== undefined && kind !== base.optimizer.kind) optimizer = { kind, learningRate: base.optimizer.learningRate };
  if (learningRate !== undefined) optimizer = { ...optimizer, learningRate };
  try {
    return parseModelSpec({ ...base, ...rest, optimizer });
  } catch (e) {
    const detail = e instanceof z.ZodError ? formatIssues(e.issues) : String(e);
    throw new SweepError("invalid_trial", `trial ${index} is not a valid model: ${detail}`);
  }
}

const SHORT_NAMES: Record<SweepParamName, string> = {
  learningRate: "lr",
  batchSize: "batch",
  epochs: "epochs",
  hidden: "hidden",
  dropout: "dropout",
  l2: "l2",
  optimizer: "opt",
  activation: "act",
};

/** A short label such as "lr=0.01 · hidden=64×64"; drawn fractions show 3 significant digits. */
export function describeTrial(trial: Pick<SweepTrial, "overrides">): string {
  return Object.entries(trial.overrides)
    .map(([name, v]) => `${SHORT_NAMES[name as SweepParamName] ?? name}=${formatValue(v)}`)
    .join(" · ");
}

function formatValue(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? "none" : v.join("×");
  if (typeof v === "number" && !Number.isInteger(v)) return String(Number(v.toPrecision(3)));
  return String(v);
}

// ---- the sweep form's text: "0.001, 0.01" per parameter; hidden as "32; 64,64"

/** A plain decimal, so "", "0x10" and "Infinity" (which Number() accepts) are refused. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function splitTokens(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

function tokenValue(name: SweepParamName, token: string): unknown {
  if (name === "optimizer" || name === "activation") return token;
  if (name !== "hidden") {
    if (!DECIMAL.test(token)) throw new SweepError("bad_text", `${name}: not a number: "${token}"`);
    return Number(token);
  }
  // "64,64" and "64×64" (as describeTrial prints it) both read as two layers of 64.
  return splitTokens(token, /[,×]/).map((unit) => {
    if (!/^\d+$/.test(unit)) throw new SweepError("bad_text", `hidden: not a whole number: "${unit}"`);
    return Number(unit);
  });
}

/** One parameter's values from text: comma-separated; hidden takes layer lists separated by ";". */
export function parseSweepValues(name: SweepParamName, text: string): GridParam {
  if (!Object.hasOwn(valueSchemas, name)) throw new SweepError("bad_text", `unknown parameter: ${name}`);
  const tokens = splitTokens(text, name === "hidden" ? /;/ : /,/);
  if (tokens.length === 0) throw new SweepError("bad_text", `${name}: no values`);
  if (tokens.length > MAX_VALUES) throw new SweepError("bad_text", `${name}: ${tokens.length} values, at most ${MAX_VALUES}`);
  const values = tokens.map((token) => {
    const r = valueSchemas[name].safeParse(tokenValue(name, token));
    if (!r.success) throw new SweepError("bad_text", `${name}: bad value "${token}" (${formatIssues(r.error.issues)})`);
    return r.data;
  });
  return gridParamSchema.parse({ name, values });
}

/** The params of a sweep from the form's text fields, in field order; blank fields are not swept. */
export function parseSweepText(fields: Partial<Record<SweepParamName, string>>): GridParam[] {
  return Object.entries(fields)
    .filter(([, text]) => text !== undefined && text.trim() !== "")
    .map(([name, text]) => parseSweepValues(name as SweepParamName, text ?? ""));
}
