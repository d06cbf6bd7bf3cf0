/**
 * The table an evaluation writes its held-out rows to, queryable by SQL. Kept
 * apart from the evaluation code so the page's data layer can recognise these
 * tables (they are rebuilt by evaluating again, not kept across reloads)
 * without loading the evaluator.
 */
export function heldOutTableName(runId: string): string {
  return `eval_${runId.replaceAll("-", "").slice(0, 8)}`;
}

export function isHeldOutTableName(name: string): boolean {
  return /^eval_[0-9a-f]{8}$/.test(name);
}
