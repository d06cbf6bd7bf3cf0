/**
 * Feature values numbered as one list of items: item = offset[f] + value.
 * A slice is its ascending list of items; because offsets grow with the
 * feature, ascending items are also ascending features, so a slice has at
 * most one item per feature exactly when consecutive items differ in
 * feature, and lexicographic order on items is lexicographic order on
 * (feature, value) pairs — the tie-break compareSlices uses.
 */
export interface ItemTable {
  count: number;
  offsets: Int32Array;
  feature: Int32Array;
  value: Int32Array;
}

export function itemTable(domains: readonly number[]): ItemTable {
  const offsets = new Int32Array(domains.length);
  let count = 0;
  domains.forEach((d, f) => {
    offsets[f] = count;
    count += d;
  });
  const feature = new Int32Array(count);
  const value = new Int32Array(count);
  domains.forEach((d, f) => {
    for (let v = 0; v < d; v++) {
      feature[offsets[f] + v] = f;
      value[offsets[f] + v] = v;
    }
  });
  return { count, offsets, feature, value };
}

/**
 * A map key for a slice of `width` items read from `items` at `start`,
 * leaving out position `skip` (−1 for none) — the key of one of its
 * parents. A base-`count` number while that is exact in a double, else a
 * string (only for very wide slices over many items).
 */
export type SliceKey = (items: Int32Array, start: number, width: number, skip: number) => number | string;

export function sliceKeyer(itemCount: number, width: number): SliceKey {
  if (Math.pow(itemCount + 1, width) < Number.MAX_SAFE_INTEGER) {
    const base = itemCount + 1;
    return (items, start, w, skip) => {
      let key = 0;
      for (let i = 0; i < w; i++) if (i !== skip) key = key * base + items[start + i] + 1;
      return key;
    };
  }
  return (items, start, w, skip) => {
    let key = "";
    for (let i = 0; i < w; i++) if (i !== skip) key += items[start + i] + ",";
    return key;
  };
}
