import * as Plot from "@observablehq/plot";
import type { ChartSpec } from "@/lib/notebook/chart-spec";

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
