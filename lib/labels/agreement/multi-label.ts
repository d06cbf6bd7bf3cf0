import { AgreementError } from "./errors";
import type { Ratings } from "./ratings";

/**
 * Multi-label ratings: each rating is a set of labels (possibly empty). The
 * labels of rating r are `labels[labelStart[r] .. labelStart[r + 1])`.
 */
export interface MultiLabelRatings {
  readonly labelCount: number;
  readonly annotatorCount: number;
  readonly itemCount: number;
  readonly item: Int32Array;
  readonly annotator: Int32Array;
  /** Length: ratings + 1. */
  readonly labelStart: Int32Array;
  readonly labels: Int32Array;
}

/** In the binary ratings: 0 = label absent from the rating's set, 1 = present. */
export const ABSENT = 0;
export const PRESENT = 1;

/**
 * Multi-label agreement is computed one label at a time, as nominal agreement
 * on "present / absent" (every rating says one or the other about every
 * label). Returns those binary ratings for `label`; item and annotator arrays
 * are shared, not copied.
 */
export function binaryRatingsForLabel(m: MultiLabelRatings, label: number): Ratings {
  if (!Number.isInteger(label) || label < 0 || label >= m.labelCount) {
    throw new AgreementError("invalid_option", `label out of range: ${label}`);
  }
  const n = m.item.length;
  if (m.labelStart.length !== n + 1 || m.labelStart[n] > m.labels.length) {
    throw new AgreementError("invalid_ratings", `label set offsets do not match ${n} ratings`);
  }
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let present = ABSENT;
    for (let s = m.labelStart[r]; s < m.labelStart[r + 1]; s++) {
      if (m.labels[s] === label) {
        present = PRESENT;
        break;
      }
    }
    out[r] = present;
  }
  return {
    labelCount: 2,
    annotatorCount: m.annotatorCount,
    itemCount: m.itemCount,
    item: m.item,
    annotator: m.annotator,
    label: out,
  };
}
