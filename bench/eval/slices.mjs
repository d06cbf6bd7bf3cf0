// Printing and checking slice-search results from window.lathe (plain data from the page).

/** The same slices in the same order with the same size, error sum, max error and score (exact: both add in row order). */
export function sameTopK(a, b) {
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const t = b[i];
    return (
      s.size === t.size &&
      s.errorSum === t.errorSum &&
      s.maxError === t.maxError &&
      s.score === t.score &&
      s.predicates.length === t.predicates.length &&
      s.predicates.every((p, j) => p.feature === t.predicates[j].feature && p.value === t.predicates[j].value)
    );
  });
}

/** "level 1: 412 evaluated (…)" lines for a search's LevelStats. */
export function levelLines(levels) {
  return levels.map(
    (l) =>
      `level ${l.level}: ${l.generated.toLocaleString("en")} generated, ${l.evaluated.toLocaleString("en")} evaluated, ${l.valid.toLocaleString("en")} valid; pruned ${l.prunedMissingParent.toLocaleString("en")} (missing parent), ${l.prunedBySize.toLocaleString("en")} (size), ${l.prunedByScore.toLocaleString("en")} (score); ${l.rowVisits.toLocaleString("en")} row visits`,
  );
}

/** "1. hour ≥ 17 and origin = ORD — 2,345 rows (1.2 %), error rate 0.41 (2.05× overall), score 0.83" */
export function foundLines(found) {
  return found.map(
    (f) =>
      `${f.rank}. ${f.description} — ${f.size.toLocaleString("en")} rows (${(f.share * 100).toFixed(1)} %), error rate ${f.meanError.toFixed(3)}${f.lift === null ? "" : ` (${f.lift.toFixed(2)}× overall)`}, score ${f.score.toFixed(4)}`,
  );
}
