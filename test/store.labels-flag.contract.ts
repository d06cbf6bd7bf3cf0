import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FLAG_REASON, type FlagForReviewRequest, type LabelProject } from "@/lib/api/labels";
import { parseLabelFile } from "@/lib/labels/import-format";
import { toGoldRows } from "@/lib/labels/import-rows";
import type { Store } from "@/lib/store/store";
import { StoreError, type StoreErrorCode } from "@/lib/store/store-error";
import type { OpenAt } from "./store.contract";
import { items, spec } from "./store.labels.contract";

async function expectStoreError(p: Promise<unknown>, code: StoreErrorCode, message?: RegExp): Promise<StoreError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StoreError);
  expect((e as StoreError).code).toBe(code);
  if (message) expect((e as StoreError).message).toMatch(message);
  return e as StoreError;
}

const MODEL_SAYS = "model v3 predicted 'neg', feedback says 'pos'";

/**
 * LabelStore.flagForReview on both adapters: other parts of the app (model
 * monitoring, error analysis) sending rows to a project's review queue with
 * a reason, and what settles such a flag.
 */
export function describeLabelFlagContract(name: string, newLocation: () => Promise<OpenAt>): void {
  describe(`LabelStore flagForReview contract: ${name}`, () => {
    let store: Store;
    let ann: string, bob: string, cat: string, rev: string, mon: string;
    let userN = 0;

    beforeAll(async () => {
      store = await (await newLocation())();
      const mk = async (name: string, role: "labeler" | "reviewer" | "data_scientist") =>
        (await store.users.createUser({ username: `${name.toLowerCase()}-${++userN}`, displayName: name, role }, "password123")).id;
      ann = await mk("Ann", "labeler");
      bob = await mk("Bob", "labeler");
      cat = await mk("Cat", "labeler");
      rev = await mk("Rev", "reviewer");
      mon = await mk("Monitor", "data_scientist");
    });
    afterAll(async () => {
      await store?.close();
    });

    const say = (p: LabelProject, seq: number, u: string, l: string, baseVersion?: number) =>
      store.labels.submit(p.id, seq, u, { kind: "label", labels: [l], reason: "", durationMs: 1, baseVersion });

    /** Everything about a project except its review queue: what flagging must leave alone. */
    async function snapshot(p: LabelProject) {
      const project = await store.labels.getProject(p.id);
      const histories = [];
      for (let seq = 1; seq <= project.itemCount; seq++) histories.push(await store.labels.itemHistory(p.id, seq));
      const raw = await store.labels.exportLabels(p.id, "raw");
      const gold = await store.labels.exportLabels(p.id, "gold");
      return { project, histories, raw, gold };
    }

    it("flags an existing item (keeping its data) and adds a new one, both in the review queue with the reason; nothing else changes", async () => {
      const p = await store.labels.createProject(spec({ annotatorsPerItem: 1, overlapShare: 0 }), ann);
      await store.labels.addItems(p.id, { items: items(3) });
      await say(p, 1, ann, "neg");
      const before = await snapshot(p);
      expect(await store.labels.reviewQueue(p.id, 10)).toEqual([]);

      const req: FlagForReviewRequest = {
        items: [
          { id: "r2", data: { text: "ignored: the stored row stays" }, reason: MODEL_SAYS },
          { id: "m1", data: { text: "a request the model got wrong", stars: 2 }, reason: "  feedback disagrees with the model  " },
        ],
      };
      expect(await store.labels.flagForReview(p.id, req, mon)).toEqual({ flagged: 1, added: 1 });

      const queue = await store.labels.reviewQueue(p.id, 10);
      expect(queue.map((q) => [q.seq, q.key, q.data, q.flag?.reason, q.flag?.flaggedBy, q.goldVersion, q.topShare])).toEqual([
        [2, "r2", { text: "review 2", stars: 2 }, MODEL_SAYS, "Monitor", 0, null],
        [4, "m1", { text: "a request the model got wrong", stars: 2 }, "feedback disagrees with the model", "Monitor", 0, null],
      ]);
      expect(Date.now() - Date.parse(queue[0].flag?.flaggedAt ?? "")).toBeLessThan(60_000);
      expect(queue.every((q) => q.annotations.length === 0)).toBe(true);
      expect(await store.labels.progress(p.id, ann)).toMatchObject({ items: 4, needsReview: 2 });

      // Everything that was there is as it was; the only new thing is item 4.
      const after = await snapshot(p);
      expect(after.project).toEqual({ ...before.project, itemCount: 4, revision: before.project.revision + 1 });
      expect(after.histories.slice(0, 3)).toEqual(before.histories);
      expect(after.histories[3]).toMatchObject({ seq: 4, key: "m1", annotations: [], adjudications: [], comments: [] });
      expect(after.raw.rows).toEqual(before.raw.rows);
      expect(after.gold.rows).toEqual(before.gold.rows);

      // The new item is an ordinary item otherwise: labelers get it (one slot, as the project asks).
      expect((await store.labels.nextItems(p.id, bob, 5)).map((i) => i.key)).toEqual(["r2", "r3", "m1"]);
    });

    it("is idempotent in effect: the same flags again change nothing and add no item", async () => {
      const p = await store.labels.createProject(spec({ annotatorsPerItem: 1, overlapShare: 0 }), ann);
      await store.labels.addItems(p.id, { items: items(2) });
      const req: FlagForReviewRequest = { items: [{ id: "r1", data: {}, reason: MODEL_SAYS }, { id: "new-1", data: { text: "x" }, reason: MODEL_SAYS }] };
      expect(await store.labels.flagForReview(p.id, req, mon)).toEqual({ flagged: 1, added: 1 });
      const queue = await store.labels.reviewQueue(p.id, 10);
      const project = await store.labels.getProject(p.id);

      expect(await store.labels.flagForReview(p.id, req, rev)).toEqual({ flagged: 2, added: 0 });
      // Same reasons, same flagger, same time: an identical open flag is not written again.
      expect(await store.labels.reviewQueue(p.id, 10)).toEqual(queue);
      expect(await store.labels.getProject(p.id)).toEqual(project);
      expect(project.itemCount).toBe(3);
    });

    it("adds a different reason to an open flag instead of replacing it, and says who sent the latest", async () => {
      const p = await store.labels.createProject(spec({ annotatorsPerItem: 1, overlapShare: 0 }), ann);
      await store.labels.addItems(p.id, { items: items(1) });
      await store.labels.flagForReview(p.id, { items: [{ id: "r1", data: {}, reason: MODEL_SAYS }] }, mon);
      await store.labels.flagForReview(p.id, { items: [{ id: "r1", data: {}, reason: "slice 'stars = 1': error rate 40%" }] }, rev);
      await store.labels.flagForReview(p.id, { items: [{ id: "r1", data: {}, reason: MODEL_SAYS }] }, mon);
      const [q] = await store.labels.reviewQueue(p.id, 10);
      expect(q.flag).toMatchObject({ reason: `${MODEL_SAYS}\nslice 'stars = 1': error rate 40%`, flaggedBy: "Rev" });
    });

    it("puts flagged items before disagreements, and keeps them in review whatever the answers say until a reviewer decides", async () => {
      const p = await store.labels.createProject(spec({ autoAdjudicate: true }), ann);
      await store.labels.addItems(p.id, { items: items(3) });
      // Item 1: a disagreement. Item 2: unanimous, so it gets its gold label automatically.
      await say(p, 1, ann, "pos"); await say(p, 1, bob, "neu"); await say(p, 1, cat, "neg");
      await say(p, 2, ann, "pos"); await say(p, 2, bob, "pos");
      expect((await say(p, 2, cat, "pos")).autoGold).toEqual(["pos"]);
      expect((await store.labels.reviewQueue(p.id, 10)).map((q) => q.key)).toEqual(["r1"]);

      await store.labels.flagForReview(p.id, { items: [{ id: "r2", data: {}, reason: MODEL_SAYS }, { id: "r3", data: {}, reason: "low confidence" }] }, mon);
      const queue = await store.labels.reviewQueue(p.id, 10);
      expect(queue.map((q) => [q.key, q.flag?.reason ?? null, q.goldVersion])).toEqual([
        ["r3", "low confidence", 0],
        ["r2", MODEL_SAYS, 1],
        ["r1", null, 0],
      ]);
      // A unanimous, automatically settled item stays flagged when answers change and change back.
      await store.labels.submit(p.id, 2, cat, { kind: "retract", labels: [], reason: "undo", durationMs: 0, baseVersion: 1 });
      await say(p, 2, cat, "pos", 2);
      // Item 3 fills up unanimously: automatic gold, but the open flag keeps it in review.
      await say(p, 3, ann, "neg"); await say(p, 3, bob, "neg");
      expect((await say(p, 3, cat, "neg")).autoGold).toEqual(["neg"]);
      // Both flagged items are unanimous now (agreement 1): by seq.
      expect((await store.labels.reviewQueue(p.id, 10)).map((q) => [q.key, q.flag?.reason ?? null])).toEqual([
        ["r2", MODEL_SAYS],
        ["r3", "low confidence"],
        ["r1", null],
      ]);

      // A reviewer's decision settles the flag: out of the queue, and the reason stays in the item's history.
      const r2 = (await store.labels.reviewQueue(p.id, 10)).find((q) => q.key === "r2");
      const decision = await store.labels.adjudicate(p.id, 2, rev, { labels: ["neg"], excluded: false, reason: "feedback is right", baseVersion: r2?.goldVersion ?? -1 });
      expect(decision).toMatchObject({ labels: ["neg"], reason: "feedback is right", flagReason: MODEL_SAYS });
      expect((await store.labels.reviewQueue(p.id, 10)).map((q) => q.key)).toEqual(["r3", "r1"]);
      const h2 = await store.labels.itemHistory(p.id, 2);
      expect(h2.adjudications.map((j) => [j.reviewerId === null ? "auto" : "rev", j.labels, j.flagReason])).toEqual([
        ["auto", ["pos"], null],
        ["auto", [], null],
        ["auto", ["pos"], null],
        ["rev", ["neg"], MODEL_SAYS],
      ]);
      // Settled means settled: a later answer does not bring the old flag back.
      await say(p, 2, ann, "neu", 1);
      expect((await store.labels.reviewQueue(p.id, 10)).map((q) => q.key)).toEqual(["r3", "r1"]);
      // A disagreement decided without a flag records none.
      expect(await store.labels.adjudicate(p.id, 1, rev, { labels: ["neu"], excluded: false, reason: "", baseVersion: 0 })).toMatchObject({ flagReason: null });
      // Flagging a settled item again reopens it, with only the new reason.
      await store.labels.flagForReview(p.id, { items: [{ id: "r2", data: {}, reason: "drifted again" }] }, mon);
      expect((await store.labels.reviewQueue(p.id, 10)).map((q) => [q.key, q.flag?.reason, q.goldVersion])).toEqual([
        ["r2", "drifted again", 4],
        ["r3", "low confidence", 1],
      ]);
    });

    it("lets a gold import settle a flag, like a reviewer's decision", async () => {
      const p = await store.labels.createProject(spec({ annotatorsPerItem: 1, overlapShare: 0 }), ann);
      await store.labels.addItems(p.id, { items: items(2) });
      await store.labels.flagForReview(p.id, { items: [{ id: "r1", data: {}, reason: MODEL_SAYS }, { id: "r2", data: {}, reason: "other" }] }, mon);
      const imported = await store.labels.importGold(p.id, rev, toGoldRows(parseLabelFile("item_id,label\nr1,pos", "csv")));
      expect(imported).toMatchObject({ written: 1 });
      expect((await store.labels.reviewQueue(p.id, 10)).map((q) => q.key)).toEqual(["r2"]);
      expect((await store.labels.itemHistory(p.id, 1)).adjudications).toEqual([expect.objectContaining({ labels: ["pos"], flagReason: MODEL_SAYS })]);
      expect(await store.labels.progress(p.id, ann)).toMatchObject({ gold: 1, needsReview: 1 });
    });

    it("adds a new id once when two flag requests race", async () => {
      const p = await store.labels.createProject(spec({ annotatorsPerItem: 1, overlapShare: 0 }), ann);
      const req = { items: [{ id: "raced", data: { text: "x" }, reason: MODEL_SAYS }] };
      const results = await Promise.all([store.labels.flagForReview(p.id, req, mon), store.labels.flagForReview(p.id, req, mon)]);
      expect(results.map((r) => r.added).sort()).toEqual([0, 1]);
      expect((await store.labels.getProject(p.id)).itemCount).toBe(1);
      expect((await store.labels.reviewQueue(p.id, 10)).map((q) => q.key)).toEqual(["raced"]);
    });

    it("refuses an unknown project and bad requests, changing nothing", async () => {
      const p = await store.labels.createProject(spec({ annotatorsPerItem: 1, overlapShare: 0 }), ann);
      await store.labels.addItems(p.id, { items: items(2) });
      const before = await snapshot(p);
      const one = { items: [{ id: "r1", data: {}, reason: MODEL_SAYS }] };
      await expectStoreError(store.labels.flagForReview("00000000-0000-4000-8000-000000000000", one, mon), "not_found", /project not found/);
      await expectStoreError(store.labels.flagForReview("nope", one, mon), "not_found", /project not found/);
      await expectStoreError(store.labels.flagForReview(p.id, { items: [] }, mon), "invalid", /^items: flag at least one item/);
      const long = await expectStoreError(
        store.labels.flagForReview(p.id, { items: [{ id: "r1", data: {}, reason: "x".repeat(MAX_FLAG_REASON + 1) }] }, mon),
        "invalid",
      );
      expect(long.field).toBe("items.0.reason");
      await expectStoreError(store.labels.flagForReview(p.id, { items: [{ id: "new", data: {}, reason: " \n " }] }, mon), "invalid", /items.0.reason: must not be empty/);
      await expectStoreError(store.labels.flagForReview(p.id, { items: [{ id: "", data: {}, reason: "r" }] }, mon), "invalid", /items.0.id/);
      const tooMany = { items: Array.from({ length: 1001 }, (_, i) => ({ id: `t${i}`, data: {}, reason: "r" })) };
      await expectStoreError(store.labels.flagForReview(p.id, tooMany, mon), "invalid", /at most 1000/);
      await expectStoreError(
        store.labels.flagForReview(p.id, { items: [{ id: "new", data: {}, reason: "a" }, { id: "new", data: {}, reason: "b" }] }, mon),
        "conflict",
        /"new" appears twice/,
      );
      expect(await snapshot(p)).toEqual(before);
      expect(await store.labels.reviewQueue(p.id, 10)).toEqual([]);
    });
  });
}
