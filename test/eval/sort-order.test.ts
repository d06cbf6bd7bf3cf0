import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/labels/agreement/random";
import { ascendingOrder } from "@/lib/eval/sort-order";

/** Independent reference: a stable comparison sort of the indexes. */
function reference(keys: ArrayLike<number>): number[] {
  return Array.from({ length: keys.length }, (_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
}

describe("ascendingOrder (radix sort on IEEE-754 bits)", () => {
  it("sorts float32 keys like a stable comparison sort", () => {
    const rng = createRandom(3);
    const keys = new Float32Array(5000);
    for (let i = 0; i < keys.length; i++) keys[i] = Math.floor(rng.float() * 700) / 700; // many ties
    expect(Array.from(ascendingOrder(keys))).toEqual(reference(keys));
  });

  it("sorts doubles with negatives, zeros of both signs, tiny and huge values", () => {
    const rng = createRandom(4);
    const keys = new Float64Array(4000);
    for (let i = 0; i < keys.length; i++) keys[i] = (rng.float() - 0.5) * Math.pow(10, Math.floor(rng.float() * 40) - 20);
    keys.set([0, -0, 1e-310, -1e-310, Number.MAX_VALUE, -Number.MAX_VALUE, 0.1, 0.1 + 1e-17], 0);
    const order = ascendingOrder(keys);
    const ref = reference(keys);
    // −0 and +0 compare equal, so only the sequence of values must agree.
    expect(Array.from(order, (i) => keys[i] + 0)).toEqual(ref.map((i) => keys[i] + 0));
    for (let j = 1; j < order.length; j++) expect(keys[order[j - 1]] <= keys[order[j]]).toBe(true);
  });

  it("handles empty and constant input", () => {
    expect(ascendingOrder(new Float64Array(0)).length).toBe(0);
    expect(Array.from(ascendingOrder(new Float64Array([2, 2, 2])))).toEqual([0, 1, 2]);
  });
});
