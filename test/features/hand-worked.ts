/** A hand-worked design matrix, shared by the TF.js and ONNX compilers' tests: both must build exactly this. */
import type { FeatureSpec } from "@/lib/features/spec";
import { bool, cat, date, num, rows, table } from "./tables";

/*
 * Eight rows; rows 0–5 train, rows 6–7 are test rows.
 *
 * x (mean, standard): observed train values 1 2 7 1 2 → mean 13/5 = 2.6.
 *   Imputed 1 2 2.6 7 1 2: deviations −1.6 −0.6 0 4.4 −1.6 −0.6, squares sum
 *   2.56 + 0.36 + 0 + 19.36 + 2.56 + 0.36 = 25.2; population variance 25.2/6 = 4.2.
 *   Output (v − 2.6)/√4.2; missing → 0.
 * species (most_frequent, top 2): train A 2, G 2, C 1, missing 1 → fill Adelie
 *   (tie, smaller value) → A 3, G 2, C 1 → slots [Adelie, Gentoo, other].
 *   Chinstrap (rare) and Emperor (unseen in training) → other; missing → Adelie.
 * flag (most_frequent): train 2 true, 2 false → fill false.
 * when (month, dayofweek, hour; median; minmax): as fit-categorical.test.ts —
 *   fills 2.5, 3.5, 9; min 1, 0, 0; range 11, 6, 23. Row 7 is 2025-07-04T18:00Z,
 *   a Friday (Python datetime.weekday() = 4): month 7, weekday 4, hour 18.
 */
export const TABLE = table(
  num("x", [1, 2, null, 7, 1, 2, null, 100]),
  cat("species", ["Adelie", "Gentoo", "Chinstrap", "Adelie", null, "Gentoo", null, "Emperor"], ["Gentoo", "Adelie", "Chinstrap", "Emperor"]),
  bool("flag", [true, false, null, true, false, null, null, true]),
  date("when", ["2024-02-29T23:30:00Z", "2024-01-01T00:00:00Z", null, "2023-12-31T12:00:00Z", "2024-03-15T06:00:00Z", null, null, "2025-07-04T18:00:00Z"]),
);
export const TRAIN = rows(0, 1, 2, 3, 4, 5);
export const SPEC: FeatureSpec = {
  columns: [
    { name: "x", kind: "numeric", impute: { strategy: "mean" }, scale: "standard" },
    { name: "species", kind: "categorical", impute: { strategy: "most_frequent" }, topK: 2 },
    { name: "flag", kind: "boolean", impute: { strategy: "most_frequent" } },
    { name: "when", kind: "date", parts: ["month", "dayofweek", "hour"], impute: { strategy: "median" }, scale: "minmax" },
  ],
};

const s = Math.sqrt(4.2);
export const A = [1, 0, 0];
export const G = [0, 1, 0];
export const OTHER = [0, 0, 1];
//            x                  species  flag  month      weekday  hour
export const EXPECTED = [
  [(1 - 2.6) / s, ...A, 1, 1 / 11, 3 / 6, 23 / 23],
  [(2 - 2.6) / s, ...G, 0, 0 / 11, 0 / 6, 0 / 23],
  [0, ...OTHER, 0, 1.5 / 11, 3.5 / 6, 9 / 23],
  [(7 - 2.6) / s, ...A, 1, 11 / 11, 6 / 6, 12 / 23],
  [(1 - 2.6) / s, ...A, 0, 2 / 11, 4 / 6, 6 / 23],
  [(2 - 2.6) / s, ...G, 0, 1.5 / 11, 3.5 / 6, 9 / 23],
  [0, ...A, 0, 1.5 / 11, 3.5 / 6, 9 / 23],
  [(100 - 2.6) / s, ...OTHER, 1, 6 / 11, 4 / 6, 18 / 23],
];

