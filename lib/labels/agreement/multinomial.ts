import { binomial } from "./binomial";
import type { Random } from "./random";

export type ResampleMethod = "auto" | "binomial" | "direct";

/**
 * Resampling units with replacement when only each unit's category matters:
 * `draw` returns how many of n draws land in each category, where category c
 * holds counts[c] of the n units. That is a Multinomial(n, counts / n)
 * vector, the same distribution as drawing n units one by one.
 *
 * Two exact ways to draw it, chosen by cost:
 *  - "binomial": conditional binomials, x_c ~ B(n − Σ_{d<c} x_d,
 *    counts[c] / Σ_{d≥c} counts[d]) — O(categories), independent of n;
 *  - "direct": n uniform unit draws — O(n), cheaper only when nearly every
 *    unit is its own category.
 * A binomial draw cost 6–12 direct draws (80–130 ns against 7–17 ns, node 20
 * on a 2-core machine), hence the switch at 8 units per category in "auto".
 */
export class MultinomialResampler {
  readonly units: number;
  readonly categories: number;
  private readonly counts: Int32Array;
  private readonly useBinomial: boolean;
  private unitCategory: Int32Array | null = null;

  constructor(counts: Int32Array, method: ResampleMethod = "auto") {
    this.counts = counts;
    this.categories = counts.length;
    let n = 0;
    let used = 0;
    for (let c = 0; c < counts.length; c++) {
      n += counts[c];
      if (counts[c] > 0) used++;
    }
    this.units = n;
    this.useBinomial = method === "binomial" || (method === "auto" && used * 8 <= n);
  }

  /** Fills `out` (length = categories) with one resample's counts. */
  draw(rng: Random, out: Int32Array): void {
    if (this.useBinomial) this.drawBinomial(rng, out);
    else this.drawDirect(rng, out);
  }

  private drawBinomial(rng: Random, out: Int32Array): void {
    const counts = this.counts;
    let left = this.units;
    let mass = this.units;
    for (let c = 0; c < counts.length; c++) {
      const k = counts[c];
      if (k === 0 || left === 0) {
        out[c] = 0;
      } else {
        // Integer masses keep k / mass exact at the last category (= 1).
        const x = k >= mass ? left : binomial(rng, left, k / mass);
        out[c] = x;
        left -= x;
      }
      mass -= k;
    }
  }

  private drawDirect(rng: Random, out: Int32Array): void {
    if (this.unitCategory === null) {
      const u = new Int32Array(this.units);
      let at = 0;
      for (let c = 0; c < this.counts.length; c++) u.fill(c, at, (at += this.counts[c]));
      this.unitCategory = u;
    }
    const u = this.unitCategory;
    const n = this.units;
    out.fill(0);
    for (let t = 0; t < n; t++) out[u[Math.floor(rng.float() * n)]]++;
  }
}
