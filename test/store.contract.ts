import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notebook, SavedNotebook } from "@/lib/api/notebook";
import { LATEST_MIGRATION } from "@/lib/store/migrations";
import type { Store, StoreKind } from "@/lib/store/store";
import { StoreError, type StoreErrorCode } from "@/lib/store/store-error";

/** Opens a store on one location (a folder, a database), as often as asked. */
export type OpenAt = () => Promise<Store>;

/**
 * The behaviour every Store adapter must have, written once. `newLocation`
 * gives a fresh, empty location each call; it is called inside hooks and
 * tests, after the caller's own beforeAll (e.g. starting a server) has run.
 */
export function describeStoreContract(name: string, kind: StoreKind, newLocation: () => Promise<OpenAt>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await (await newLocation())();
    });
    afterAll(async () => {
      await store?.close();
    });

    it("applies every migration when it opens", async () => {
      expect(store.kind).toBe(kind);
      expect(await store.migrationStatus()).toEqual({ current: true, applied: LATEST_MIGRATION, latest: LATEST_MIGRATION });
    });

    it("reopens without re-applying migrations and keeps the data", async () => {
      const open = await newLocation();
      const first = await open();
      const saved = await first.saveNotebook(null, { notebook: doc("kept") });
      await first.close();
      await first.close(); // idempotent

      // Migrations use plain CREATE TABLE, so applying one twice would make this open throw.
      const second = await open();
      try {
        expect(await second.migrationStatus()).toEqual({ current: true, applied: LATEST_MIGRATION, latest: LATEST_MIGRATION });
        expect(await second.getNotebook(saved.id)).toEqual(saved);
        expect(await second.listNotebooks()).toEqual([summary(saved)]);
      } finally {
        await second.close();
      }
    });

    it("round-trips a notebook exactly through save, get, list and delete", async () => {
      const original = doc("Round trip ✓ — ünïcödé");
      const created = await store.saveNotebook(null, { notebook: original });
      expect(created.revision).toBe(1);
      expect(created.title).toBe(original.title);
      expect(Number.isNaN(Date.parse(created.updatedAt))).toBe(false);
      // Same text, key order included: an exported notebook must re-export identically.
      expect(JSON.stringify(created.notebook)).toBe(JSON.stringify(original));

      const fetched = await store.getNotebook(created.id);
      expect(fetched).toEqual(created);
      expect(JSON.stringify(fetched.notebook)).toBe(JSON.stringify(original));

      const other = await store.saveNotebook(null, { notebook: doc("other") });
      const edited = { ...original, title: "Round trip, edited", cells: original.cells.slice(1) };
      const updated = await store.saveNotebook(created.id.toUpperCase(), { notebook: edited, baseRevision: 1 });
      expect(updated).toMatchObject({ id: created.id, title: "Round trip, edited", revision: 2 });
      expect(JSON.stringify(updated.notebook)).toBe(JSON.stringify(edited));
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

      // Newest first: the edit moved the first notebook above the second.
      const mine = (await store.listNotebooks()).filter((s) => s.id === created.id || s.id === other.id);
      expect(mine).toEqual([summary(updated), summary(other)]);

      await store.deleteNotebook(created.id);
      await expectStoreError(store.getNotebook(created.id), "not_found");
      await expectStoreError(store.deleteNotebook(created.id), "not_found");
      expect((await store.listNotebooks()).map((s) => s.id)).not.toContain(created.id);
      expect(await store.getNotebook(other.id)).toEqual(other);
    });

    it("refuses a save from a stale revision and changes nothing", async () => {
      const created = await store.saveNotebook(null, { notebook: doc("stale v1") });
      const v2 = await store.saveNotebook(created.id, { notebook: doc("stale v2"), baseRevision: 1 });
      const err = await expectStoreError(store.saveNotebook(created.id, { notebook: doc("stale lost"), baseRevision: 1 }), "conflict");
      expect(err.message).toMatch(/reload/);
      await expectStoreError(store.saveNotebook(created.id, { notebook: doc("stale ahead"), baseRevision: 3 }), "conflict");
      expect(await store.getNotebook(created.id)).toEqual(v2);
    });

    it("lets exactly one of two concurrent saves from the same revision win", async () => {
      for (let round = 0; round < 5; round++) {
        const created = await store.saveNotebook(null, { notebook: doc(`race ${round}`) });
        const a = doc(`race ${round} a`);
        const b = doc(`race ${round} b`);
        const results = await Promise.allSettled([
          store.saveNotebook(created.id, { notebook: a, baseRevision: 1 }),
          store.saveNotebook(created.id, { notebook: b, baseRevision: 1 }),
        ]);
        const won = results.filter((r): r is PromiseFulfilledResult<SavedNotebook> => r.status === "fulfilled");
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toBeInstanceOf(StoreError);
        expect((lost[0].reason as StoreError).code).toBe("conflict");
        expect(won[0].value.revision).toBe(2);
        expect(await store.getNotebook(created.id)).toEqual(won[0].value);
      }
    });

    it("answers not_found for unknown and malformed ids", async () => {
      const unknown = crypto.randomUUID();
      for (const id of [unknown, "not-a-uuid", ""]) {
        await expectStoreError(store.getNotebook(id), "not_found");
        await expectStoreError(store.saveNotebook(id, { notebook: doc("x"), baseRevision: 1 }), "not_found");
        await expectStoreError(store.deleteNotebook(id), "not_found");
      }
    });

    it("rejects a create naming a revision and an update naming none", async () => {
      const created = await store.saveNotebook(null, { notebook: doc("rules") });
      const a = await expectStoreError(store.saveNotebook(null, { notebook: doc("rules"), baseRevision: 1 }), "invalid");
      expect(a.field).toBe("baseRevision");
      const b = await expectStoreError(store.saveNotebook(created.id, { notebook: doc("rules") }), "invalid");
      expect(b.field).toBe("baseRevision");
      expect(await store.getNotebook(created.id)).toEqual(created);
    });
  });
}

/** A document using every cell kind, nulls, and characters that need escaping. */
export function doc(title: string): Notebook {
  return {
    format: "lathe-notebook",
    version: 1,
    title,
    cells: [
      { id: "intro", kind: "markdown", source: '# Heading\n\n"quotes", back\\slash, tab\t, emoji 🚀' },
      { id: "q_1", kind: "sql", source: "SELECT 1 AS one" },
      { id: "chart-1", kind: "chart", source: "SELECT * FROM t", mark: "bar", x: "a", y: null, color: null, facet: "f" },
      { id: "p", kind: "profile", table: "t" },
    ],
  };
}

function summary(s: SavedNotebook) {
  return { id: s.id, title: s.title, revision: s.revision, updatedAt: s.updatedAt };
}

async function expectStoreError(p: Promise<unknown>, code: StoreErrorCode): Promise<StoreError> {
  const err = await p.then(
    () => {
      throw new Error(`expected StoreError ${code}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
  return err as StoreError;
}
