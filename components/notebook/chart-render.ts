import * as Plot from "@observablehq/plot";
import type { ChartMark } from "@/lib/api/notebook";

export interface ChartSpec {
  mark: ChartMark;
  x: string | null;
  y: string | null;
  color: string | null;
  facet: string | null;
}

/** What each mark needs before it can draw; the message says what to pick. */
export function missingChannel(spec: ChartSpec): string | null {
  switch (spec.mark) {
    case "histogram":
      return spec.x ? null : "Pick an X column to bin.";
    case "bar":
      return spec.x ? null : "Pick an X column (Y is optional: without it, bars count rows).";
    case "box":
      return spec.y ? null : "Pick a Y column (X is optional: it groups the boxes).";
    case "dot":
    case "line":
    case "area":
      return spec.x && spec.y ? null : "Pick X and Y columns.";
  }
}

/** Renders one Observable Plot figure as an SVG element (or a figure with a legend). */
export function renderChart(data: Record<string, unknown>[], spec: ChartSpec, width: number): SVGSVGElement | HTMLElement {
  const x = spec.x ?? undefined;
  const y = spec.y ?? undefined;
  const c = spec.color ?? undefined;
  const fy = spec.facet ?? undefined;
  let mark: Plot.Markish;
  switch (spec.mark) {
    case "dot":
      mark = Plot.dot(data, { x, y, stroke: c, fy, tip: true });
      break;
    case "line":
      mark = Plot.lineY(data, { x, y, stroke: c, fy, sort: x });
      break;
    case "area":
      mark = Plot.areaY(data, { x, y, fill: c, fy, sort: x, fillOpacity: c ? 0.7 : 1 });
      break;
    case "bar":
      mark = y ? Plot.barY(data, { x, y, fill: c, fy, tip: true }) : Plot.barY(data, Plot.groupX({ y: "count" }, { x, fill: c, fy, tip: true }));
      break;
    case "histogram":
      mark = Plot.rectY(data, Plot.binX({ y: "count" }, // Plot accepts fill/fy here at run time; its types omit them for binX.
        { x, fill: c, fy, tip: true } as unknown as Parameters<typeof Plot.binX>[1]));
      break;
    case "box":
      mark = Plot.boxY(data, { x, y, fy });
      break;
  }
  return Plot.plot({
    width,
    marginLeft: 56,
    grid: true,
    color: c ? { legend: true } : undefined,
    // A zero baseline where bars and areas start from it.
    marks: spec.mark === "bar" || spec.mark === "histogram" || spec.mark === "area" ? [mark, Plot.ruleY([0])] : [mark],
  });
}
