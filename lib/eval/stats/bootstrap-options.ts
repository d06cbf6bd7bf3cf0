import { StatsError, checkLevel } from "./errors";

/** Options shared by the bootstrap intervals in this folder. */
export interface BootstrapOptions {
  /** Number of resamples; default 1000. */
  resamples?: number;
  /** 32-bit seed; default 1, so a report replays unless asked otherwise. */
  seed?: number;
  /** Coverage of the interval, in (0, 1); default 0.95. */
  level?: number;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 1;
export const DEFAULT_LEVEL = 0.95;

export function resolveBootstrap(o: BootstrapOptions): Required<BootstrapOptions> {
  const resamples = o.resamples ?? DEFAULT_RESAMPLES;
  const seed = o.seed ?? DEFAULT_SEED;
  const level = o.level ?? DEFAULT_LEVEL;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > 1_000_000) {
    throw new StatsError("invalid_option", `resamples must be a whole number from 1 to 1000000: ${resamples}`);
  }
  if (!Number.isInteger(seed)) throw new StatsError("invalid_option", `seed must be a whole number: ${seed}`);
  checkLevel(level);
  return { resamples, seed, level };
}
