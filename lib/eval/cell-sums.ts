import { MultinomialResampler } from "@/lib/labels/agreement/multinomial";
import type { Random } from "@/lib/labels/agreement/random";
import type { NormalSampler } from "./normal";
import { ascendingOrder } from "./sort-order";

/**
 * Bootstrap resamples of per-group sums Σ mᵢ·xᵢ and Σ mᵢ·sᵢ, where mᵢ is
 * row i's multiplicity in a resample of all rows with replacement, in time
 * independent of the number of rows.
 *
 * Rows are sorted by x within their group and cut into cells: one per
 * distinct x when a group has at most `cellsPerGroup` of them, otherwise
 * about `cellsPerGroup` runs of equal size that never split equal values.
 * A resample then
 *  1. draws how many of its n picks land in each cell — the exact
 *     Multinomial(n, size/n) law of the row bootstrap's cell totals, by
 *     sequential binomials (MultinomialResampler);
 *  2. for a cell drawn N times, adds N·mean plus √N · L·z with z standard
 *     normal and L the Cholesky factor of the cell's (x, s) covariance: the
 *     sum of N picks from the cell has exactly that mean and covariance,
 *     and with hundreds of rows per cell the central limit theorem makes
 *     the rest of its shape immaterial.
 * When every cell holds a single (x, s) value the covariance is zero and
 * the result is the row bootstrap's exactly. Step 2 is what keeps heavy
 * tails honest: binning alone would drop the spread of, say, the few
 * log losses of 20–35 that share the top cell.
 */
export interface CellSumsInput {
  values: Float64Array;
  /** The s column; null means 1 per row (then Σ m·s is the resample size, n). */
  weights: Float64Array | null;
  /** Group per row in [0, groups); null means one group. */
  group: Int32Array | null;
  groups: number;
  cellsPerGroup: number;
}

export class CellSums {
  readonly groups: number;
  readonly cells: number;
  /** True when every cell is a single value, so resamples are the exact bootstrap's. */
  readonly exact: boolean;
  private readonly cellGroup: Int32Array;
  private readonly meanX: Float64Array;
  private readonly meanS: Float64Array;
  private readonly l11: Float64Array;
  private readonly l21: Float64Array;
  private readonly l22: Float64Array;
  private readonly resampler: MultinomialResampler;
  private readonly drawn: Int32Array;

  constructor(input: CellSumsInput) {
    const { values, weights, group, groups, cellsPerGroup } = input;
    const rows = values.length;
    this.groups = groups;
    // Rows by group, ascending x within a group (a stable counting sort over the value order).
    const byValue = ascendingOrder(values);
    const start = new Int32Array(groups + 1);
    for (let i = 0; i < rows; i++) start[(group ? group[i] : 0) + 1]++;
    for (let g = 0; g < groups; g++) start[g + 1] += start[g];
    const order = new Int32Array(rows);
    const fill = start.slice(0, groups);
    for (let j = 0; j < rows; j++) {
      const i = byValue[j];
      order[fill[group ? group[i] : 0]++] = i;
    }

    // Gathered once into sorted order so every pass below reads memory sequentially.
    const xs = new Float64Array(rows);
    const ws = new Float64Array(rows);
    for (let j = 0; j < rows; j++) {
      xs[j] = values[order[j]];
      ws[j] = weights ? weights[order[j]] : 1;
    }

    const bounds: number[] = [];
    const owners: number[] = [];
    for (let g = 0; g < groups; g++) {
      const from = start[g];
      const to = start[g + 1];
      let runs = 0;
      for (let j = from; j < to; j++) if (j === from || xs[j] !== xs[j - 1]) runs++;
      const target = runs <= cellsPerGroup ? 1 : Math.ceil((to - from) / cellsPerGroup);
      let cellStart = from;
      for (let j = from; j < to; j++) {
        const last = j + 1 === to;
        if (last || (xs[j + 1] !== xs[j] && j + 1 - cellStart >= target)) {
          bounds.push(cellStart, j + 1);
          owners.push(g);
          cellStart = j + 1;
        }
      }
    }

    const cells = owners.length;
    this.cells = cells;
    this.cellGroup = new Int32Array(owners);
    this.meanX = new Float64Array(cells);
    this.meanS = new Float64Array(cells);
    this.l11 = new Float64Array(cells);
    this.l21 = new Float64Array(cells);
    this.l22 = new Float64Array(cells);
    const sizes = new Int32Array(cells);
    let exact = true;
    for (let c = 0; c < cells; c++) {
      const from = bounds[2 * c];
      const to = bounds[2 * c + 1];
      const m = to - from;
      sizes[c] = m;
      let sx = 0;
      let ss = 0;
      for (let j = from; j < to; j++) {
        sx += xs[j];
        ss += ws[j];
      }
      const mx = sx / m;
      const ms = ss / m;
      let vxx = 0;
      let vss = 0;
      let vxs = 0;
      for (let j = from; j < to; j++) {
        const dx = xs[j] - mx;
        const ds = ws[j] - ms;
        vxx += dx * dx;
        vss += ds * ds;
        vxs += dx * ds;
      }
      vxx /= m;
      vss /= m;
      vxs /= m;
      this.meanX[c] = mx;
      this.meanS[c] = ms;
      const a = Math.sqrt(vxx);
      this.l11[c] = a;
      this.l21[c] = a > 0 ? vxs / a : 0;
      this.l22[c] = Math.sqrt(Math.max(0, vss - this.l21[c] * this.l21[c]));
      if (vxx > 0 || vss > 0) exact = false;
    }
    this.exact = exact;
    this.resampler = new MultinomialResampler(sizes);
    this.drawn = new Int32Array(cells);
  }

  /** One resample: per-group sums into x and s (length `groups`). */
  draw(rng: Random, normal: NormalSampler, x: Float64Array, s: Float64Array): void {
    const drawn = this.drawn;
    this.resampler.draw(rng, drawn);
    x.fill(0);
    s.fill(0);
    for (let c = 0; c < this.cells; c++) {
      const n = drawn[c];
      if (n === 0) continue;
      const g = this.cellGroup[c];
      x[g] += n * this.meanX[c];
      s[g] += n * this.meanS[c];
      const a = this.l11[c];
      const d = this.l22[c];
      if (a > 0 || d > 0) {
        const root = Math.sqrt(n);
        const z1 = a > 0 ? normal.next() : 0;
        x[g] += root * a * z1;
        if (d > 0 || this.l21[c] !== 0) s[g] += root * (this.l21[c] * z1 + (d > 0 ? d * normal.next() : 0));
      }
    }
  }
}
