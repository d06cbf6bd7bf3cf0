/**
 * Whether a set of labels fits a project's schema: every label known, none
 * twice, and at most one in a single-label project. One rule for answers,
 * gold labels and imports. Returns the problem as "problem: value" text, or
 * null when the set is fine (an empty set is fine here; callers that need a
 * label say so themselves).
 */
export function labelSetProblem(schema: readonly string[], multiLabel: boolean, labels: readonly string[]): string | null {
  const unknown = labels.find((l) => !schema.includes(l));
  if (unknown !== undefined) return `label not in the schema: "${unknown}" (labels: ${schema.join(", ")})`;
  if (new Set(labels).size !== labels.length) return "labels: a label is listed twice";
  if (!multiLabel && labels.length > 1) return `labels: this project takes one label per item (got ${labels.length})`;
  return null;
}
