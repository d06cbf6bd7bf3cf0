import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReviewFlagNote } from "@/components/label/ReviewFlagNote";
import { MAX_REVIEW_REASON, mergeReviewReason } from "@/lib/labels/review-reason";

describe("mergeReviewReason", () => {
  it.each([
    ["no open flag", null, "model says neg", "model says neg"],
    ["an empty one", "", "model says neg", "model says neg"],
    ["the same reason again", "model says neg", "model says neg", "model says neg"],
    ["a reason already among several", "a\nmodel says neg\nb", "model says neg", "a\nmodel says neg\nb"],
    ["a new reason", "model says neg", "slice error 40%", "model says neg\nslice error 40%"],
    ["a reason that is only part of a line", "model says neg", "model", "model says neg\nmodel"],
    ["a two-line reason already held", "x\na\nb", "a\nb", "x\na\nb"],
  ])("%s", (_, current, reason, expected) => {
    expect(mergeReviewReason(current, reason)).toBe(expected);
  });

  it(`keeps the newest reasons within ${MAX_REVIEW_REASON} characters`, () => {
    let flag: string | null = null;
    for (let i = 0; i < 10; i++) flag = mergeReviewReason(flag, `${i}`.repeat(1999));
    expect(flag?.length).toBeLessThanOrEqual(MAX_REVIEW_REASON);
    const lines = (flag ?? "").split("\n");
    expect(lines.map((l) => l[0])).toEqual(["5", "6", "7", "8", "9"]);
    expect(lines.every((l) => l.length === 1999)).toBe(true);
  });
});

describe("ReviewFlagNote", () => {
  const render = (reason: string, flaggedBy: string | null = "Monitor") =>
    renderToStaticMarkup(createElement(ReviewFlagNote, { flag: { reason, flaggedBy, flaggedAt: "2025-03-01T09:30:12.000Z" } }));
  const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'");

  it("says why the item was flagged, by whom and when, as a named note", () => {
    const html = render("model v3 predicted 'Adelie', feedback says 'Gentoo'");
    expect(html).toMatch(/^<div role="note" aria-label="Why this item was flagged"/);
    expect(text(html)).toBe("Flagged: model v3 predicted 'Adelie', feedback says 'Gentoo'Last flagged by Monitor on 2025-03-01 09:30 UTC");
  });

  it("lists several reasons, and leaves out a flagger who is gone", () => {
    const html = render("model says neg\nslice error 40%", null);
    expect(html).toContain("<li>model says neg</li><li>slice error 40%</li>");
    expect(text(html)).toContain("Flagged for 2 reasons:");
    expect(text(html)).toContain("Last flagged on 2025-03-01 09:30 UTC");
  });
});
