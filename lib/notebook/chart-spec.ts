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
