import { describe, expect, it } from "vitest";
import { isCancelled, SlicingError } from "@/lib/eval/slicing/errors";
import { sliceLine, sliceLineSync } from "@/lib/eval/slicing/sliceline";
import { synthetic } from "./fixtures";

const params = { alpha: 0.95, minSupport: 20, maxLevel: 4, topK: 10 };
const small = synthetic(31, {
  rows: 4000,
  domains: [4, 4, 4, 4, 4],
  errors: "planted",
  planted: [{ feature: 1, value: 3 }],
  inside: 0.4,
});

describe("cancellation", () => {
  it("rejects at once when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const run = sliceLine(small, params, { signal: controller.signal });
    await expect(run).rejects.toBeInstanceOf(SlicingError);
    await expect(run).rejects.toMatchObject({ code: "cancelled", message: "slice search cancelled: before it started" });
  });

  it("stops when aborted from onLevel, before the next level reports", async () => {
    const controller = new AbortController();
    const levels: number[] = [];
    const run = sliceLine(small, params, {
      signal: controller.signal,
      onLevel: (level) => {
        levels.push(level);
        if (level === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: "cancelled" });
    expect(levels).toEqual([1]);
  });

  it("checks between candidates, not only between levels", () => {
    const full = sliceLineSync(small, params);
    const afterLevel1 = full.levels[0].evaluated;
    const throughLevel2 = afterLevel1 + full.levels[1].evaluated;
    // A signal that turns aborted 40 reads after level 1 has reported.
    let reads = 0;
    let armedAt = Infinity;
    const signal = {
      get aborted() {
        return ++reads >= armedAt + 40;
      },
    } as AbortSignal;
    const levels: number[] = [];
    let error: unknown;
    try {
      sliceLineSync(small, params, {
        signal,
        onLevel: (l) => {
          levels.push(l);
          if (l === 1) armedAt = reads;
        },
      });
    } catch (e) {
      error = e;
    }
    expect(isCancelled(error)).toBe(true);
    expect(levels).toEqual([1]);
    const evaluated = Number(/at level 2, after (\d+) slices evaluated/.exec((error as Error).message)?.[1]);
    // Stopped inside level 2: part of its candidates were evaluated, not all.
    expect(evaluated).toBeGreaterThan(afterLevel1);
    expect(evaluated).toBeLessThan(throughLevel2);
  });

  it("yields to the event loop, so an abort sent while it runs gets in", async () => {
    const big = synthetic(32, {
      rows: 200_000,
      domains: [5, 5, 5, 5, 5, 5, 5, 5],
      errors: "planted",
      planted: [{ feature: 0, value: 4 }],
      inside: 0.3,
    });
    const p = { alpha: 0.95, minSupport: 2000, maxLevel: 3, topK: 10 };
    const controller = new AbortController();
    const levels: number[] = [];
    // The timer can only fire if the search yields; had it run to the end
    // without yielding, the promise would have resolved instead.
    setTimeout(() => controller.abort(), 10);
    await expect(
      sliceLine(big, p, { signal: controller.signal, yieldEveryMs: 5, onLevel: (l) => levels.push(l) }),
    ).rejects.toMatchObject({ code: "cancelled" });
    expect(levels.length).toBeLessThan(3);
  });
});
