import { describe, expect, it } from "vitest";
import type { RunEvaluation, SliceEvaluation } from "@/lib/api/evaluation";
import { buildDashboard } from "@/lib/eval/dashboard";
import { dashboardHtml } from "@/lib/eval/dashboard-html";
import { ticks, trendSvg } from "@/lib/eval/dashboard-svg";
import { escapeHtml } from "@/lib/eval/escape-html";

describe("escapeHtml", () => {
  it.each([
    ["plain", "plain"],
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`a & b`, "a &amp; b"],
    [`say "hi"`, "say &quot;hi&quot;"],
    ["it's", "it&#39;s"],
    ["&amp;", "&amp;amp;"], // already-escaped text is escaped again: it is text, not markup
  ])("%s → %s", (text, want) => expect(escapeHtml(text)).toBe(want));
});

describe("ticks", () => {
  // Step: the smallest 1, 2 or 5 × 10^k at or above (hi − lo) / 4.
  it.each([
    [0.78, 0.95, [0.8, 0.85, 0.9, 0.95]],
    [0, 1, [0, 0.5, 1]], // (1 − 0) / 4 = 0.25; the smallest step of 1, 2 or 5 × 10^k at or above it is 0.5
    [2.8, 4.6, [3, 3.5, 4, 4.5]],
  ])("[%d, %d] → %j", (lo, hi, want) => expect(ticks(lo, hi)).toEqual(want));
});

const HOSTILE = `<script>alert("x")</script> & 'co'`;

function evaluation(slice: Partial<SliceEvaluation>): RunEvaluation {
  const e = { value: 0.84, lower: 0.81, upper: 0.87, interval: "wilson" as const, baseline: 0.5 };
  return {
    evaluatedAt: "2025-05-01T10:00:00.000Z",
    split: "test",
    rows: 400,
    datasetFingerprint: null,
    classes: ["a", "b"],
    minSupport: 30,
    report: { task: "binary", accuracy: e, intervals: { level: 0.95 } },
    slices: [{ name: HOSTILE, definition: `x < 3 and y = '"'`, rows: 90, lowSupport: false, metrics: { accuracy: e }, test: null, pinned: true, threshold: { metric: "accuracy", min: 0.85 }, ...slice }],
  };
}

describe("dashboardHtml", () => {
  const d = buildDashboard("m.1", [{ version: 1, evaluation: evaluation({}) }], { champion: 1 });
  const html = dashboardHtml(d, new Date("2025-05-02T09:30:00.000Z"));

  it("escapes what users typed, so a slice name cannot become markup", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
    expect(html).toContain("x &lt; 3 and y = &#39;&quot;&#39;");
  });

  it("is self-contained: no script, no URL, inline style and SVG, a policy forbidding anything else", () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).toContain("<style>");
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<svg /g)).toHaveLength(2); // All data and the pinned slice
  });

  it("carries the table, the verdicts as words, and the summary", () => {
    expect(html).toContain('<table aria-label="Pinned slices">');
    expect(html).toContain("<th scope=\"col\">Value (95% interval)</th>");
    expect(html).toContain("84% (81%–87%)");
    expect(html).toContain(">Fail</td>");
    expect(html).toContain("Exported 2025-05-02 09:30 UTC");
    expect(html).toContain(`<li>Accuracy for ${escapeHtml(HOSTILE)} is 84% in version 1, below its threshold of 85%; no earlier version has it to compare with.</li>`);
  });

  it("says why there is nothing to show", () => {
    expect(dashboardHtml(buildDashboard("m", [], {}), new Date(0))).toContain("This model has no versions yet");
    expect(dashboardHtml(buildDashboard("m", [{ version: 1, evaluation: null }], {}), new Date(0))).toContain("evaluate the run in the notebook&#39;s Evaluate cell and pin slices");
  });
});

describe("trendSvg", () => {
  it("labels the chart, marks the current version and draws the threshold", () => {
    const d = buildDashboard("m", [{ version: 1, evaluation: evaluation({ name: "mobile" }) }], {});
    if (d.kind !== "ready") throw new Error(d.kind);
    const svg = trendSvg(d.rows[1]);
    expect(svg).toMatch(/^<svg role="img" aria-label="Accuracy of mobile by version"/);
    expect(svg).toContain("threshold 85%");
    expect(svg).toContain("<title>version 1: 84% (current)</title>");
  });
});
