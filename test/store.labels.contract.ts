import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectSpec } from "@/lib/api/labels";
import { toCsv, RAW_COLUMNS } from "@/lib/labels/export-format";
import { parseLabelFile } from "@/lib/labels/import-format";
import { toGoldRows, toRawRows } from "@/lib/labels/import-rows";
import { isOverlapItem } from "@/lib/labels/overlap";
import type { Store } from "@/lib/store/store";
import { StoreError, type StoreErrorCode } from "@/lib/store/store-error";
import type { OpenAt } from "./store.contract";

export function spec(overrides: Partial<ProjectSpec> = {}): ProjectSpec {
  return {
    name: "Sentiment",
    guidelines: "Label the **tone**.",
    labels: ["neg", "neu", "pos"],
    multiLabel: false,
    annotatorsPerItem: 3,
    overlapShare: 1,
    blind: true,
    autoAdjudicate: false,
    idColumn: "id",
    displayColumns: [{ name: "text", kind: "text" }],
    source: { kind: "query", text: "SELECT * FROM reviews" },
    ...overrides,
  };
}

export function items(n: number, prefix = "r") {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, data: { text: `review ${i + 1}`, stars: (i % 5) + 1 } }));
}

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

/**
 * The LabelStore's behaviour, written once for both adapters: projects and
 * items, the queue with leases, append-only annotations and their refusals,
 * review and adjudication, history and exports.
 */
export function describeLabelStoreContract(name: string, newLocation: () => Promise<OpenAt>): void {
  describe(`LabelStore contract: ${name}`, () => {
    let store: Store;
    let ann: string, bob: string, cat: string, rev: string;
    let userN = 0;

    beforeAll(async () => {
      store = await (await newLocation())();
      const mk = async (name: string, role: "labeler" | "reviewer") =>
        (await store.users.createUser({ username: `${name}-${++userN}`, displayName: name, role }, "password123")).id;
      ann = await mk("Ann", "labeler");
      bob = await mk("Bob", "labeler");
      cat = await mk("Cat", "labeler");
      rev = await mk("Rev", "reviewer");
    });
    afterAll(async () => {
      await store?.close();
    });

    it("creates a project, loads items with per-item targets, and refuses duplicate ids all or nothing", async () => {
      const p = await store.labels.createProject(spec({ overlapShare: 0.3 }), ann);
      expect(p).toMatchObject({ name: "Sentiment", labels: ["neg", "neu", "pos"], itemCount: 0, overlapShare: 0.3 });
      expect(await store.labels.addItems(p.id, { items: items(100) })).toEqual({ added: 100, itemCount: 100 });
      await expectStoreError(store.labels.addItems(p.id, { items: [...items(2, "x"), { id: "r5", data: {} }] }), "conflict", /"r5"/);
      await expectStoreError(store.labels.addItems(p.id, { items: [{ id: "y", data: {} }, { id: "y", data: {} }] }), "conflict", /twice/);
      expect((await store.labels.getProject(p.id)).itemCount).toBe(100);
      const prog = await store.labels.progress(p.id, ann);
      const overlap = Array.from({ length: 100 }, (_, i) => i + 1).filter((s) => isOverlapItem(s, 0.3)).length;
      expect(overlap).toBeGreaterThanOrEqual(27);
      expect(overlap).toBeLessThanOrEqual(33);
      expect(prog).toEqual({ items: 100, slotsTotal: overlap * 3 + (100 - overlap), slotsFilled: 0, mine: 0, gold: 0, needsReview: 0 });
      await expectStoreError(store.labels.getProject("00000000-0000-4000-8000-000000000000"), "not_found");
      await expectStoreError(store.labels.getProject("nope"), "not_found");
    });

    it("serves least-covered items first and leases single slots to one labeler", async () => {
      const p = await store.labels.createProject(spec({ annotatorsPerItem: 1, overlapShare: 0 }), ann);
      await store.labels.addItems(p.id, { items: items(5) });
      const a = await store.labels.nextItems(p.id, ann, 2);
      expect(a.map((i) => i.key)).toEqual(["r1", "r2"]);
      // Asking again returns the same leased items (a reload shows the same item).
      expect((await store.labels.nextItems(p.id, ann, 2)).map((i) => i.key)).toEqual(["r1", "r2"]);
      // Another labeler cannot get a slot someone holds.
      expect((await store.labels.nextItems(p.id, bob, 2)).map((i) => i.key)).toEqual(["r3", "r4"]);
      // …nor fill it without a lease while the lease is live.
      await expectStoreError(store.labels.submit(p.id, 1, bob, { kind: "label", labels: ["pos"], reason: "", durationMs: 5 }), "conflict", /slot taken/);
      await store.labels.submit(p.id, 1, ann, { kind: "label", labels: ["pos"], reason: "", durationMs: 5 });
      expect((await store.labels.nextItems(p.id, ann, 2)).map((i) => i.key)).toEqual(["r2", "r5"]);
      expect(await store.labels.nextItems(p.id, cat, 2)).toEqual([]);
    });

    it("gives an overlap item to several labelers, least covered first", async () => {
      const p = await store.labels.createProject(spec(), ann);
      await store.labels.addItems(p.id, { items: items(3) });
      await store.labels.submit(p.id, 1, ann, { kind: "label", labels: ["neg"], reason: "", durationMs: 1 });
      // Bob gets item 2 before item 1, which already has one label.
      const bobs = await store.labels.nextItems(p.id, bob, 3);
      expect(bobs.map((i) => i.key)).toEqual(["r2", "r3", "r1"]);
      // Blind: nobody's answers travel with the item.
      expect(bobs.every((i) => i.others === undefined)).toBe(true);
      expect((await store.labels.nextItems(p.id, ann, 3)).map((i) => i.key)).toEqual(["r2", "r3"]);
    });

    it("shows other annotators' answers with the item when the project is not blind", async () => {
      const p = await store.labels.createProject(spec({ blind: false }), ann);
      await store.labels.addItems(p.id, { items: items(1) });
      await store.labels.submit(p.id, 1, ann, { kind: "label", labels: ["neg"], reason: "", durationMs: 1 });
      await store.labels.submit(p.id, 1, cat, { kind: "ambiguous", labels: [], reason: "two tones", durationMs: 1 });
      const [item] = await store.labels.nextItems(p.id, bob, 1);
      expect(item.others).toEqual([
        { userName: "Ann", kind: "label", labels: ["neg"] },
        { userName: "Cat", kind: "ambiguous", labels: [] },
      ]);
    });

    it("stores each answer once: idempotent client ids, double submits and stale versions are refused", async () => {
      const p = await store.labels.createProject(spec(), ann);
      await store.labels.addItems(p.id, { items: items(2) });
      const req = { kind: "label" as const, labels: ["pos"], reason: "", durationMs: 1200, clientId: "client-0001" };
      const first = await store.labels.submit(p.id, 1, ann, req);
      expect(first).toMatchObject({ duplicate: false, annotation: { version: 1, kind: "label", labels: ["pos"], durationMs: 1200, userName: "Ann" } });
      const again = await store.labels.submit(p.id, 1, ann, req);
      expect(again).toEqual({ ...first, duplicate: true });
      await expectStoreError(store.labels.submit(p.id, 2, ann, req), "conflict", /clientId/);
      await expectStoreError(store.labels.submit(p.id, 1, ann, { ...req, clientId: undefined }), "conflict", /already answered/);
      await expectStoreError(store.labels.submit(p.id, 1, ann, { ...req, clientId: undefined, baseVersion: 7 }), "conflict", /stale version/);
      await expectStoreError(store.labels.submit(p.id, 1, ann, { ...req, clientId: undefined, labels: ["meh"] }), "invalid", /not in the schema/);
      await expectStoreError(store.labels.submit(p.id, 1, ann, { ...req, clientId: undefined, labels: ["pos", "neg"], baseVersion: 1 }), "invalid");
      await expectStoreError(store.labels.submit(p.id, 99, ann, { ...req, clientId: undefined }), "not_found", /#99/);
      await expectStoreError(store.labels.submit(p.id, 2, ann, { kind: "ambiguous", labels: [], reason: " ", durationMs: 0 }), "invalid", /reason/);

      const edit = await store.labels.submit(p.id, 1, ann, { kind: "label", labels: ["neu"], reason: "second look", durationMs: 10, baseVersion: 1 });
      expect(edit.annotation.version).toBe(2);
      const undo = await store.labels.submit(p.id, 1, ann, { kind: "retract", labels: [], reason: "undo", durationMs: 0, baseVersion: 2 });
      expect(undo.annotation).toMatchObject({ version: 3, kind: "retract" });
      // After an undo the item is the labeler's to answer afresh.
      expect((await store.labels.nextItems(p.id, ann, 2)).map((i) => i.seq)).toContain(1);
      await store.labels.submit(p.id, 1, ann, { kind: "label", labels: ["pos"], reason: "", durationMs: 1 });

      // The log keeps every version: nothing was overwritten.
      const h = await store.labels.itemHistory(p.id, 1);
      expect(h.annotations.map((a) => [a.version, a.kind, a.labels])).toEqual([
        [1, "label", ["pos"]],
        [2, "label", ["neu"]],
        [3, "retract", []],
        [4, "label", ["pos"]],
      ]);
      const mine = await store.labels.myHistory(p.id, ann, { limit: 10 });
      expect(mine.map((e) => [e.key, e.annotation.version])).toEqual([["r1", 4]]);
    });

    it("lets exactly one of two concurrent submits fill the last slot", async () => {
      const p = await store.labels.createProject(spec({ annotatorsPerItem: 1, overlapShare: 0 }), ann);
      await store.labels.addItems(p.id, { items: items(1) });
      const results = await Promise.allSettled(
        [ann, bob, cat].map((u) => store.labels.submit(p.id, 1, u, { kind: "label", labels: ["neg"], reason: "", durationMs: 1 })),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect((r.reason as StoreError).code).toBe("conflict");
      expect((await store.labels.itemHistory(p.id, 1)).annotations).toHaveLength(1);
    });

    it("queues disagreements worst first, adjudicates once, and refuses a stale adjudication naming the reviewer", async () => {
      const p = await store.labels.createProject(spec({ autoAdjudicate: true }), ann);
      await store.labels.addItems(p.id, { items: items(3) });
      const say = (seq: number, u: string, l: string) => store.labels.submit(p.id, seq, u, { kind: "label", labels: [l], reason: "", durationMs: 1 });
      // Item 1: 2 of 3 agree. Item 2: all differ. Item 3: unanimous → automatic gold.
      await say(1, ann, "pos"); await say(1, bob, "pos"); await say(1, cat, "neg");
      await say(2, ann, "pos"); await say(2, bob, "neu"); await say(2, cat, "neg");
      await say(3, ann, "neu"); await say(3, bob, "neu");
      const last = await say(3, cat, "neu");
      expect(last.autoGold).toEqual(["neu"]);

      const queue = await store.labels.reviewQueue(p.id, 10);
      expect(queue.map((q) => q.key)).toEqual(["r2", "r1"]);
      expect(queue[1]).toMatchObject({ votes: { pos: 2, neg: 1 }, topShare: 0.666667, goldVersion: 0 });
      expect(queue[1].annotations.map((a) => a.userName)).toEqual(["Ann", "Bob", "Cat"]);

      const gold = await store.labels.adjudicate(p.id, 1, rev, { labels: ["pos"], excluded: false, reason: "majority", baseVersion: 0 });
      expect(gold).toMatchObject({ version: 1, reviewerName: "Rev", labels: ["pos"], reason: "majority" });
      await expectStoreError(
        store.labels.adjudicate(p.id, 1, ann, { labels: ["neg"], excluded: false, reason: "", baseVersion: 0 }),
        "conflict",
        /Rev chose pos/,
      );
      await expectStoreError(store.labels.adjudicate(p.id, 2, rev, { labels: ["bad"], excluded: false, reason: "", baseVersion: 0 }), "invalid");
      await store.labels.adjudicate(p.id, 2, rev, { labels: [], excluded: true, reason: "sarcasm", baseVersion: 0 });
      expect(await store.labels.reviewQueue(p.id, 10)).toEqual([]);
      expect(await store.labels.progress(p.id, ann)).toMatchObject({ gold: 3, needsReview: 0 });

      const hist = await store.labels.itemHistory(p.id, 3);
      expect(hist.adjudications).toEqual([expect.objectContaining({ reviewerId: null, labels: ["neu"], reason: "unanimous" })]);

      const gold3 = await store.labels.exportLabels(p.id, "gold");
      expect(gold3.rows.map((r) => [r.item_id, r.label, r.excluded, r.reviewer])).toEqual([
        ["r1", "pos", false, expect.stringMatching(/^rev-/)],
        ["r2", "", true, expect.stringMatching(/^rev-/)],
        ["r3", "neu", false, "(automatic: unanimous)"],
      ]);
      const raw = await store.labels.exportLabels(p.id, "raw");
      expect(raw.rows).toHaveLength(9);
      expect(new Set(raw.rows.map((r) => r.label_snapshot))).toEqual(new Set([raw.snapshotId]));

      const r1 = await store.labels.ratings(p.id);
      expect(r1.itemSeq).toHaveLength(9);
      // Item 1: Ann and Bob said pos (index 2), Cat neg (0); annotators sorted by name.
      const answers = [...r1.itemSeq.keys()].map((i) => [r1.itemSeq[i], r1.annotators[r1.annotator[i]].name, r1.labels[r1.label[i]]]);
      expect(answers.filter(([seq]) => seq === 1).sort()).toEqual([[1, "Ann", "pos"], [1, "Bob", "pos"], [1, "Cat", "neg"]]);
      expect(r1.gold).toEqual(expect.arrayContaining([{ itemSeq: 1, labels: ["pos"] }, { itemSeq: 3, labels: ["neu"] }]));
      expect(r1.gold).toHaveLength(2);
      expect(r1.snapshotId).toBe(raw.snapshotId);
      await store.labels.comment(p.id, 1, ann, "hard one");
      expect((await store.labels.itemHistory(p.id, 1)).comments).toEqual([expect.objectContaining({ userName: "Ann", body: "hard one" })]);
    });

    it("imports labels all or nothing, skips what is already current, and round-trips its own export", async () => {
      const p = await store.labels.createProject(spec({ autoAdjudicate: true }), ann);
      await store.labels.addItems(p.id, { items: items(3) });
      const users = await store.users.listUsers();
      const name = (id: string) => users.find((u) => u.id === id)?.username as string;
      const csv = [
        "item_id,annotator,label",
        `r1,${name(ann)},pos`,
        `r1,${name(bob)},pos`,
        `r1,${name(cat)},pos`,
        `r2,${name(ann)},neg`,
        `r2,${name(bob)},neu`,
      ].join("\n");
      const rows = toRawRows(parseLabelFile(csv, "csv"));
      expect(await store.labels.importRaw(p.id, rev, rows)).toEqual({ rows: 5, written: 5, unchanged: 0, autoGold: 1 });
      expect(await store.labels.importRaw(p.id, rev, rows)).toEqual({ rows: 5, written: 0, unchanged: 5, autoGold: 0 });
      // r2 has two of its three answers: not complete, so not yet in review.
      expect(await store.labels.reviewQueue(p.id, 5)).toEqual([]);

      // One bad row refuses the whole file and names the row.
      const bad = toRawRows(parseLabelFile(`item_id,annotator,label\nr3,${name(ann)},pos\nr3,${name(bob)},nope`, "csv"));
      await expectStoreError(store.labels.importRaw(p.id, rev, bad), "invalid", /row 2: label not in the schema/);
      const ghost = toRawRows(parseLabelFile(`item_id,annotator,label\nr9,${name(ann)},pos`, "csv"));
      await expectStoreError(store.labels.importRaw(p.id, rev, ghost), "not_found", /row 1: no item with id "r9"/);
      const stranger = toRawRows(parseLabelFile("item_id,annotator,label\nr3,nobody,pos", "csv"));
      await expectStoreError(store.labels.importRaw(p.id, rev, stranger), "invalid", /no user named "nobody"/);
      expect((await store.labels.itemHistory(p.id, 3)).annotations).toEqual([]);

      // A changed answer is a new version, not an overwrite.
      const changed = toRawRows(parseLabelFile(`item_id,annotator,label\nr2,${name(bob)},neg`, "csv"));
      expect(await store.labels.importRaw(p.id, rev, changed)).toMatchObject({ written: 1 });
      const bobs = (await store.labels.itemHistory(p.id, 2)).annotations.filter((a) => a.userId === bob);
      expect(bobs.map((a) => [a.version, a.reason])).toEqual([
        [1, expect.stringMatching(/^imported by rev-/)],
        [2, expect.stringMatching(/^imported by rev-/)],
      ]);

      const gold = toGoldRows(parseLabelFile('{"item_id":"r2","label":"neg","reason":"panel"}\n{"item_id":"r3","excluded":true}', "jsonl"));
      expect(await store.labels.importGold(p.id, rev, gold)).toEqual({ rows: 2, written: 2, unchanged: 0, autoGold: 0 });
      expect(await store.labels.importGold(p.id, rev, gold)).toMatchObject({ written: 0, unchanged: 2 });
      expect(await store.labels.progress(p.id, ann)).toMatchObject({ gold: 3, needsReview: 0 });

      // The raw export imports back unchanged into the same project.
      const exported = await store.labels.exportLabels(p.id, "raw");
      const again = toRawRows(parseLabelFile(toCsv(RAW_COLUMNS, exported.rows), "csv"));
      expect(await store.labels.importRaw(p.id, rev, again)).toMatchObject({ rows: 5, written: 0 });
    });

    it("renames, merges and splits labels, migrating answers as new versions and requeueing only split items", async () => {
      const p = await store.labels.createProject(spec({ labels: ["neg", "neu", "pos", "mixed"] }), ann);
      await store.labels.addItems(p.id, { items: items(4) });
      const say = (seq: number, u: string, l: string) => store.labels.submit(p.id, seq, u, { kind: "label", labels: [l], reason: "", durationMs: 1 });
      await say(1, ann, "pos"); await say(1, bob, "pos"); await say(1, cat, "pos");
      await say(2, ann, "neu"); await say(2, bob, "mixed"); await say(2, cat, "mixed");
      await say(3, ann, "neg"); await say(3, bob, "neg"); await say(3, cat, "neu");
      await store.labels.adjudicate(p.id, 3, rev, { labels: ["neg"], excluded: false, reason: "", baseVersion: 0 });

      const renamed = await store.labels.changeLabels(p.id, ann, { kind: "rename", from: "pos", to: "positive" });
      expect(renamed).toMatchObject({ affectedItems: 1, requeuedItems: 0, project: { labels: ["neg", "neu", "positive", "mixed"] } });
      const h1 = await store.labels.itemHistory(p.id, 1);
      expect(h1.annotations.filter((a) => a.userId === ann).map((a) => [a.version, a.labels, a.reason])).toEqual([
        [1, ["pos"], ""],
        [2, ["positive"], 'label "pos" renamed to "positive"'],
      ]);
      await expectStoreError(store.labels.changeLabels(p.id, ann, { kind: "rename", from: "pos", to: "x" }), "invalid", /not in the schema/);

      // Without automatic adjudication, unanimous items are reviewed too, after the disagreements.
      expect((await store.labels.reviewQueue(p.id, 10)).map((q) => [q.key, q.topShare])).toEqual([["r2", 0.666667], ["r1", 1]]);
      // Merging neu and mixed makes item 2 unanimous.
      const merged = await store.labels.changeLabels(p.id, ann, { kind: "merge", from: ["neu", "mixed"], to: "neutral" });
      expect(merged).toMatchObject({ affectedItems: 2, project: { labels: ["neg", "neutral", "positive"] } });
      expect((await store.labels.reviewQueue(p.id, 10)).map((q) => [q.key, q.topShare, q.votes])).toEqual([
        ["r1", 1, { positive: 3 }],
        ["r2", 1, { neutral: 3 }],
      ]);

      // Splitting neg withdraws the answers and gold that chose it; only item 3 returns to the queue.
      const split = await store.labels.changeLabels(p.id, ann, { kind: "split", from: "neg", into: ["negative", "hostile"] });
      expect(split).toMatchObject({ affectedItems: 1, requeuedItems: 1, project: { labels: ["negative", "hostile", "neutral", "positive"] } });
      const h3 = await store.labels.itemHistory(p.id, 3);
      expect(h3.adjudications.map((j) => [j.version, j.labels])).toEqual([[1, ["neg"]], [2, []]]);
      expect((await store.labels.nextItems(p.id, ann, 5)).map((i) => i.key)).toEqual(["r4", "r3"]);
      expect(await store.labels.progress(p.id, ann)).toMatchObject({ gold: 0 });
    });

    it("withdraws an automatic gold label when an answer behind it is undone, and reviews the item once complete again", async () => {
      const p = await store.labels.createProject(spec({ autoAdjudicate: true }), ann);
      await store.labels.addItems(p.id, { items: items(1) });
      const say = (u: string, l: string) => store.labels.submit(p.id, 1, u, { kind: "label", labels: [l], reason: "", durationMs: 1 });
      await say(ann, "pos"); await say(bob, "pos");
      const third = await say(cat, "pos");
      expect(third.autoGold).toEqual(["pos"]);
      // Cat presses U: the item is no longer unanimous and complete, so its gold goes (as a new version).
      await store.labels.submit(p.id, 1, cat, { kind: "retract", labels: [], reason: "undo", durationMs: 0, baseVersion: 1 });
      expect(await store.labels.progress(p.id, ann)).toMatchObject({ gold: 0 });
      // …and her corrected answer is taken, sending the item to review.
      await say(cat, "neg");
      expect((await store.labels.reviewQueue(p.id, 5)).map((q) => q.votes)).toEqual([{ pos: 2, neg: 1 }]);
      const h = await store.labels.itemHistory(p.id, 1);
      expect(h.adjudications.map((j) => [j.version, j.labels, j.reviewerId, j.reason])).toEqual([
        [1, ["pos"], null, "unanimous"],
        [2, [], null, "automatic gold withdrawn: the answers changed"],
      ]);
      // A reviewer's decision is not withdrawn by later answers.
      await store.labels.adjudicate(p.id, 1, rev, { labels: ["pos"], excluded: false, reason: "", baseVersion: 2 });
      await store.labels.submit(p.id, 1, ann, { kind: "label", labels: ["neg"], reason: "", durationMs: 1, baseVersion: 1 });
      expect(await store.labels.progress(p.id, ann)).toMatchObject({ gold: 1, needsReview: 0 });
    });

    it("drops a labeler's leases on items that an import answered or settled", async () => {
      const p = await store.labels.createProject(spec({ annotatorsPerItem: 1, overlapShare: 0 }), ann);
      await store.labels.addItems(p.id, { items: items(4) });
      expect((await store.labels.nextItems(p.id, ann, 2)).map((i) => i.key)).toEqual(["r1", "r2"]);
      const annName = (await store.users.getUser(ann)).username;
      await store.labels.importRaw(p.id, rev, toRawRows(parseLabelFile(`item_id,annotator,label\nr1,${annName},pos`, "csv")));
      await store.labels.importGold(p.id, rev, toGoldRows(parseLabelFile("item_id,label\nr2,neg", "csv")));
      // r1 is answered and r2 settled: the queue moves on instead of serving them again.
      expect((await store.labels.nextItems(p.id, ann, 2)).map((i) => i.key)).toEqual(["r3", "r4"]);
    });
  });
}
