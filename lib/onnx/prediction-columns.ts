import { OUTPUTS } from "./model-graph";

/**
 * The columns a prediction adds to a table, in order: predicted_label and
 * prob_<class> per class (the probabilities' column order), or
 * predicted_value for regression. DuckDB's names ignore case, so classes
 * differing only in case get _2, _3… to stay distinct. The same names as the
 * server's batch files (lib/serve/batch.ts), so a notebook's predictions
 * and a batch job's read alike.
 */
export function predictionColumns(task: string, classes: readonly string[]): string[] {
  if (task === "regression") return [OUTPUTS.value];
  const seen = new Set<string>([OUTPUTS.label]);
  return [
    OUTPUTS.label,
    ...classes.map((c) => {
      let name = `prob_${c}`;
      for (let i = 2; seen.has(name.toLowerCase()); i++) name = `prob_${c}_${i}`;
      seen.add(name.toLowerCase());
      return name;
    }),
  ];
}
