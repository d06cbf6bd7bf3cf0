import { describe, expect, it } from "vitest";
import { GOLD_COLUMNS, toCsv, toJsonl } from "@/lib/labels/export-format";
import { LabelFileError, parseLabelFile } from "@/lib/labels/import-format";
import { toGoldRows, toRawRows } from "@/lib/labels/import-rows";
import { LabelChangeError, mapLabels, planLabelChange } from "@/lib/labels/label-change";
import { isOverlapItem, itemTarget } from "@/lib/labels/overlap";
import { tallyItem } from "@/lib/labels/votes";

describe("overlap items", () => {
  it.each([0.1, 0.25, 0.5, 0.9])("every prefix of 1000 items holds close to a %s share of overlap items", (share) => {
    let count = 0;
    for (let seq = 1; seq <= 1000; seq++) {
      if (isOverlapItem(seq, share)) count++;
      // Golden-ratio points have discrepancy O(log n / n): never more than a few items off.
      if (seq % 100 === 0) expect(Math.abs(count - share * seq)).toBeLessThanOrEqual(3);
    }
  });
  it("gives all or none at the ends and one annotator to the rest", () => {
    expect([1, 2, 3].map((s) => itemTarget(s, 3, 1))).toEqual([3, 3, 3]);
    expect([1, 2, 3].map((s) => itemTarget(s, 3, 0))).toEqual([1, 1, 1]);
  });
});

describe("tallyItem", () => {
  it.each([
    // [answers, filled, votes, topShare, unanimous, disagreement]
    [[["label", ["a"]], ["label", ["a"]], ["label", ["b"]]], 3, { a: 2, b: 1 }, 2 / 3, false, true],
    [[["label", ["a"]], ["label", ["a"]]], 2, { a: 2 }, 1, true, false],
    [[["label", ["a"]], ["ambiguous", []]], 2, { a: 1 }, null, false, true],
    [[["label", ["a"]], ["skip", []], ["retract", []]], 1, { a: 1 }, null, false, false],
    [[["label", ["b", "a"]], ["label", ["a", "b"]]], 2, { a: 2, b: 2 }, 1, true, false],
  ] as const)("%j", (answers, filled, votes, topShare, unanimous, disagreement) => {
    const t = tallyItem(answers.map(([kind, labels]) => ({ kind, labels })));
    expect(t).toMatchObject({ filled, votes, topShare, unanimous, disagreement });
  });
});

describe("label set changes", () => {
  const L = ["neg", "neu", "pos", "mixed"];
  it("renames in place, merges into the first merged label's place, splits in place", () => {
    expect(planLabelChange(L, { kind: "rename", from: "pos", to: "positive" }).labels).toEqual(["neg", "neu", "positive", "mixed"]);
    expect(planLabelChange(L, { kind: "merge", from: ["neu", "mixed"], to: "neutral" }).labels).toEqual(["neg", "neutral", "pos"]);
    expect(planLabelChange(L, { kind: "merge", from: ["mixed", "neu"], to: "pos" }).labels).toEqual(["neg", "pos"]);
    expect(planLabelChange(L, { kind: "split", from: "neg", into: ["neg", "hostile"] }).labels).toEqual(["neg", "hostile", "neu", "pos", "mixed"]);
    expect(planLabelChange(L, { kind: "add", label: "spam" }).labels).toEqual([...L, "spam"]);
  });
  it("refuses unknown and clashing labels", () => {
    expect(() => planLabelChange(L, { kind: "rename", from: "x", to: "y" })).toThrow(LabelChangeError);
    expect(() => planLabelChange(L, { kind: "rename", from: "neg", to: "pos" })).toThrow(/merge instead/);
    expect(() => planLabelChange(L, { kind: "split", from: "neg", into: ["pos", "x"] })).toThrow(/already exists/);
    expect(() => planLabelChange(L, { kind: "add", label: "neg" })).toThrow(/already exists/);
  });
  it("maps answers without duplicating merged labels", () => {
    expect(mapLabels(["neu", "mixed", "pos"], new Map([["neu", "neutral"], ["mixed", "neutral"]]))).toEqual(["neutral", "pos"]);
  });
});

describe("label files", () => {
  it("reads RFC 4180 CSV: quotes, doubled quotes, commas and line breaks inside fields, CRLF, BOM", () => {
    const text = '\ufeffitem_id,annotator,label,reason\r\n"a,1",ann,pos,"said ""great""\r\nand left"\r\nb2,bob,neg,\r\n';
    expect(parseLabelFile(text, "csv")).toEqual([
      { item_id: "a,1", annotator: "ann", label: "pos", reason: 'said "great"\r\nand left' },
      { item_id: "b2", annotator: "bob", label: "neg", reason: "" },
    ]);
  });
  it("names the line of a ragged row, an unclosed quote and bad JSON", () => {
    expect(() => parseLabelFile("a,b\n1,2\n3\n", "csv")).toThrow(/line 3: 1 fields, the header has 2/);
    expect(() => parseLabelFile('a,b\n1,"2\n', "csv")).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseLabelFile('{"a":1}\n{oops}\n', "jsonl")).toThrow(LabelFileError);
    expect(() => parseLabelFile('{"a":1}\n{oops}\n', "jsonl")).toThrow(/line 2/);
  });
  it("writes CSV that reads back to the same records, and JSONL one object per line", () => {
    const rows = [
      { item_id: "x,1", item_seq: 1, label: 'he said "no"', excluded: false, reviewer: " rev ", reason: "line\nbreak", version: 2, created_at: "t", label_snapshot: "s" },
    ];
    const back = parseLabelFile(toCsv(GOLD_COLUMNS, rows), "csv");
    expect(back).toEqual([Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, String(v)]))]);
    expect(toJsonl(rows).split("\n")).toHaveLength(2);
  });
  it("turns records into typed rows, refusing empty labels and unknown kinds by row", () => {
    expect(toRawRows([{ item_id: "1", annotator: "Ann", label: "a|b" }])).toEqual([{ row: 1, itemId: "1", annotator: "ann", kind: "label", labels: ["a", "b"], reason: "" }]);
    expect(() => toRawRows([{ item_id: "1", annotator: "a", label: "x" }, { item_id: "2", annotator: "a", label: "" }])).toThrow(/row 2: label is empty/);
    expect(() => toRawRows([{ item_id: "1", annotator: "a", label: "x", kind: "maybe" }])).toThrow(/kind must be/);
    expect(toGoldRows([{ item_id: "1", label: "", excluded: "true" }])).toEqual([{ row: 1, itemId: "1", labels: [], excluded: true, reason: "" }]);
  });
});
