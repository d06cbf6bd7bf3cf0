import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goldJoinSql, labelTablesIn } from "@/lib/notebook/gold-labels";
import { openNodeDuckDb } from "../duckdb-node";

let db: Awaited<ReturnType<typeof openNodeDuckDb>>;
beforeAll(async () => {
  db = await openNodeDuckDb();
  await db.query(`CREATE TABLE reviews AS SELECT * FROM (VALUES (1, 'great', 5), (2, 'awful', 1), (3, 'fine', 3), (4, 'meh', 2)) t("review id", text, stars)`);
  // As gold_<project> arrives from the export (lib/labels/export-format.ts GOLD_COLUMNS): item_id is the row's key, as text.
  await db.query(`CREATE TABLE gold_reviews AS SELECT * FROM (VALUES ('1', 1, 'positive', false, 'snap-1'), ('2', 2, 'negative', false, 'snap-1'), ('3', 3, 'neutral', true, 'snap-1')) g(item_id, item_seq, label, excluded, label_snapshot)`);
});
afterAll(() => db.close());

describe("gold labels as the training target", () => {
  it("joins by the id column, keeps rows with a gold label that is not excluded, and names it gold_label", async () => {
    const t = await db.query(`${goldJoinSql(`SELECT * FROM reviews`, "gold_reviews", "review id")} ORDER BY "review id"`);
    expect(t.toArray().map((r) => [Number(r["review id"]), r.text, r.gold_label])).toEqual([
      [1, "great", "positive"],
      [2, "awful", "negative"],
    ]);
  });

  it("finds the label tables a query names, and only those", () => {
    const rel = ["gold_reviews", "labels_reviews", "gold_other", "reviews"];
    expect(labelTablesIn(goldJoinSql("SELECT * FROM reviews", "gold_reviews", "id"), rel)).toEqual(["gold_reviews"]);
    expect(labelTablesIn(`SELECT * FROM labels_reviews JOIN gold_other USING (item_id)`, rel)).toEqual(["labels_reviews", "gold_other"]);
    expect(labelTablesIn(`SELECT * FROM gold_reviews_2024`, rel)).toEqual([]);
  });
});
