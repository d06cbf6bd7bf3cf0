import { EvalError } from "./errors";

/**
 * Which way the bootstrap draws its resamples (bootstrap-classification.ts
 * and bootstrap-regression.ts describe both): "rows" recomputes every metric
 * from per-row multiplicities and is exact; "cells" draws each metric's
 * sufficient statistics directly, in time independent of n. "auto" takes
 * the exact path while it is cheap.
 */
export type BootstrapMethod = "auto" | "rows" | "cells";

/**
 * "auto" resamples rows while rows × max(classes, 2) is at most this. The
 * row path costs about 25–35 ns per row and class per resample on this
 * project's 2-core machines (node 20), so the bound keeps 1,000 resamples
 * near 0.3 s; the cell path costs 0.2–0.7 s at any size (binary to 10
 * classes) and agrees with the row path to Monte Carlo error from a few
 * thousand rows up (test/eval/bootstrap-classification.test.ts).
 */
export const ROWS_PATH_LIMIT = 10_000;

/**
 * Default cell budget: the score bins of a binary ranking (a multiclass
 * ranking gets max(64, 4·cells/classes)); mean losses get cells/2 value
 * cells and ECE cells/8 per reliability bin. Value cells carry their exact
 * within-cell variance and score bins their within-bin influence spread,
 * so more cells refine only the shape of the resampled distribution, which
 * where cells are used is normal to within Monte Carlo error; the tests
 * hold the defaults against the exact row path.
 */
export const DEFAULT_CELLS = 128;

export function chooseMethod(method: BootstrapMethod, rows: number, classes: number): "rows" | "cells" {
  if (method === "rows" || method === "cells") return method;
  if (method !== "auto") throw new EvalError("invalid_option", `bootstrap method must be auto, rows or cells: ${String(method)}`);
  return rows * Math.max(classes, 2) <= ROWS_PATH_LIMIT ? "rows" : "cells";
}

export function checkCells(cells: number): number {
  if (!Number.isInteger(cells) || cells < 8 || cells > 65536) {
    throw new EvalError("invalid_option", `cells must be an integer from 8 to 65536: ${cells}`);
  }
  return cells;
}
