/**
 * The notebook file's fixed names, apart from its zod schema (lib/api/notebook.ts)
 * so that the page can build and draw notebooks without loading zod; the
 * schema is needed only where a notebook crosses a trust boundary.
 */
export const NOTEBOOK_FORMAT = "lathe-notebook";
export const NOTEBOOK_VERSION = 1;

export const CHART_MARKS = ["bar", "line", "dot", "area", "histogram", "box"] as const;
export type ChartMark = (typeof CHART_MARKS)[number];
