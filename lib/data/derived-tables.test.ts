import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openNodeDuckDb } from "@/test/duckdb-node";
import { queryRows, type Db } from "./db";
import { knownFrom, mentions, restoreDerived, syncDerived, tableSignature, type Derived, type DerivedStore, type Known } from "./derived-tables";

/** The browser's IndexedDB store, as a Map that counts writes. */
function memoryStore(): DerivedStore & { puts: string[]; items: Map<string, Derived> } {
  const items = new Map<string, Derived>();
  const puts: string[] = [];
  return {
    items,
    puts,
    list: async () => [...items.values()],
    put: async (d) => {
      puts.push(d.name);
      items.set(d.name, d);
    },
    remove: async (name) => void items.delete(name),
  };
}

let db: Db & { close(): void };
let fresh: Db & { close(): void };
beforeEach(async () => {
  db = await openNodeDuckDb();
  fresh = await openNodeDuckDb(); // the page after a reload
});
afterEach(() => {
  db.close();
  fresh.close();
});

/** What the page knows it keeps, per store (one page session per test). */
const sessions = new WeakMap<DerivedStore, Known>();

/** Runs a cell's SQL, then syncs as the workbench does. */
async function cell(store: DerivedStore, sql: string, reserved: ReadonlySet<string> = new Set(), maxBytes?: number) {
  for (const s of sql.split(";").filter((x) => x.trim())) await db.query(s);
  if (!sessions.has(store)) sessions.set(store, new Map());
  return syncDerived(db, store, sessions.get(store)!, (n) => reserved.has(n), sql, maxBytes);
}

const SPOTS = "SELECT * FROM spots ORDER BY id";

describe("tables made in SQL across a reload", () => {
  it("keeps a table and views (one reading another) and rebuilds them in a fresh engine", async () => {
    const store = memoryStore();
    const r = await cell(
      store,
      // Types Arrow carries as-is, and the wide numbers the engine hands to Arrow as doubles.
      `CREATE TABLE spots AS SELECT range AS id, 'spot, "' || range || '"' AS label, range * 1.5 AS score, DATE '2024-01-01' + range::INT AS day,
         [range, range + 1] AS pair, 4611686018427387904 + range AS big, (170141183460469231731687303715884105727 - range)::HUGEINT AS huge,
         (12345678901234567890.1234567891 + range)::DECIMAL(38, 10) AS exact, {'k': range * 9007199254740993} AS nested,
         TIMESTAMP '2024-03-10 01:59:59.123456' + to_seconds(range) AS at, CASE WHEN range % 7 = 0 THEN NULL ELSE range END AS sparse FROM range(1000);
       CREATE VIEW b_top AS SELECT * FROM spots WHERE score > 1400;
       CREATE VIEW a_top_days AS SELECT day FROM b_top`,
    );
    expect(r).toEqual({ kept: ["a_top_days", "b_top", "spots"], removed: [], notKept: [] });

    // The view names sort before the view they read: the first round fails on a_top_days.
    const back = await restoreDerived(fresh, [...store.items.values()], new Set());
    expect(back.problems).toEqual([]);
    expect(back.restored.sort()).toEqual(["a_top_days", "b_top", "spots"]);
    expect(await queryRows(fresh, "DESCRIBE spots")).toEqual(await queryRows(db, "DESCRIBE spots"));
    // Every value exactly: the rows' text in both engines, and the sum of row hashes.
    const text = `SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (${SPOTS})`;
    expect(await queryRows(fresh, text)).toEqual(await queryRows(db, text));
    const columns = (await queryRows(db, "DESCRIBE spots")).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    expect(await tableSignature(fresh, "spots", columns)).toBe(await tableSignature(db, "spots", columns));
    expect(await queryRows(fresh, "SELECT count(*) AS n FROM a_top_days")).toEqual([{ n: 66 }]); // score > 1400 ⇔ id ≥ 934
  });

  it("snapshots a table again only when a cell that names it changed it", async () => {
    const store = memoryStore();
    await cell(store, "CREATE TABLE spots AS SELECT range AS id FROM range(10)");
    expect(store.puts).toEqual(["spots"]);
    await cell(store, "SELECT count(*) FROM spots"); // named, unchanged
    await cell(store, "CREATE TABLE other AS SELECT 1 AS x"); // not named
    expect(store.puts).toEqual(["spots", "other"]);
    await cell(store, "UPDATE spots SET id = id + 100 WHERE id = 3"); // same count, different rows
    expect(store.puts).toEqual(["spots", "other", "spots"]);
    const back = await restoreDerived(fresh, [...store.items.values()], new Set());
    expect(back.problems).toEqual([]);
    expect((await queryRows(fresh, "SELECT max(id) AS m FROM spots"))[0].m).toBe(103);
  });

  it("forgets dropped relations and ignores datasets and temp tables", async () => {
    const store = memoryStore();
    await db.query("CREATE TABLE penguins__v1 AS SELECT 1 AS a");
    await db.query("CREATE VIEW penguins AS SELECT * FROM penguins__v1");
    const reserved = new Set(["penguins", "penguins__v1"]);
    await cell(store, "CREATE TEMP TABLE scratch AS SELECT 1 AS a; CREATE TABLE keep AS SELECT 2 AS b; CREATE VIEW v AS SELECT * FROM keep", reserved);
    expect([...store.items.keys()].sort()).toEqual(["keep", "v"]);
    const r = await cell(store, "DROP VIEW v; DROP TABLE keep", reserved);
    expect(r.removed.sort()).toEqual(["keep", "v"]);
    expect(store.items.size).toBe(0);
  });

  it("does not keep a table over the size limit, and drops its stale copy", async () => {
    const store = memoryStore();
    await cell(store, "CREATE TABLE big AS SELECT range AS id FROM range(10)", new Set(), 64 * 1024);
    expect(store.items.has("big")).toBe(true);
    const r = await cell(store, "INSERT INTO big SELECT range FROM range(100000)", new Set(), 64 * 1024);
    expect(r.notKept).toEqual([{ name: "big", reason: expect.stringMatching(/^[\d.]+ KiB is over the 64\.0 KiB kept across reloads; re-run its cell/) }]);
    expect(store.items.has("big")).toBe(false);
  });

  it("leaves a name a dataset took alone, and reports a view whose table is gone", async () => {
    const store = memoryStore();
    await cell(store, "CREATE TABLE codes AS SELECT 1 AS a; CREATE TABLE src AS SELECT 2 AS b; CREATE VIEW w AS SELECT * FROM src");
    const kept = [...store.items.values()].filter((d) => d.name !== "src");
    const back = await restoreDerived(fresh, kept, new Set(["codes"]));
    expect(back.restored).toEqual([]);
    expect(back.problems).toEqual([
      "codes: the name is taken by a dataset, so the table made in SQL was not restored",
      expect.stringMatching(/^w: .*src/),
    ]);
  });

  it("brings a column of a type the fresh engine lacks back with Arrow's type, values intact", async () => {
    const store = memoryStore();
    await cell(store, "CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE TABLE feelings AS SELECT CASE WHEN range % 3 = 0 THEN 'sad' ELSE 'ok' END::mood AS m FROM range(9)");
    // The engine records the column as ENUM('ok', 'sad'), which casts anywhere; a
    // type that exists only by name in the old engine's catalog does not.
    const kept = store.items.get("feelings") as Extract<Derived, { kind: "table" }>;
    expect(kept.columns).toEqual([{ name: "m", type: "ENUM('ok', 'sad')" }]);
    kept.columns = [{ name: "m", type: "mood" }];
    const back = await restoreDerived(fresh, [...store.items.values()], new Set());
    expect(back.restored).toEqual(["feelings"]);
    expect(back.problems).toEqual([expect.stringMatching(/^feelings: restored with simpler column types \(.*mood/)]);
    expect(await queryRows(fresh, "SELECT m::VARCHAR AS m, count(*) AS n FROM feelings GROUP BY ALL ORDER BY m")).toEqual([
      { m: "ok", n: 6 },
      { m: "sad", n: 3 },
    ]);
    expect(await queryRows(fresh, "SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, '__lathe_restore_')")).toEqual([{ n: 0 }]);
  });

  it("brings back an empty table with its columns", async () => {
    const store = memoryStore();
    await cell(store, "CREATE TABLE todo (id INTEGER, note VARCHAR, due DATE, big BIGINT)");
    const back = await restoreDerived(fresh, [...store.items.values()], new Set());
    expect(back).toEqual({ restored: ["todo"], problems: [] });
    expect(await queryRows(fresh, "DESCRIBE todo")).toEqual(await queryRows(db, "DESCRIBE todo"));
    expect(await queryRows(fresh, "SELECT count(*) AS n FROM todo")).toEqual([{ n: 0 }]);
  });

  it("never deletes a copy this page did not know: another tab's, or one that failed to restore", async () => {
    const store = memoryStore();
    await cell(store, "CREATE TABLE mine AS SELECT 1 AS a; CREATE TABLE src AS SELECT 2 AS b; CREATE VIEW w AS SELECT * FROM src");
    // The next page: src's copy is lost, so w fails to restore; another tab then keeps "theirs".
    const kept = [...store.items.values()].filter((d) => d.name !== "src");
    store.items.delete("src");
    const back = await restoreDerived(fresh, kept, new Set());
    expect(back.restored).toEqual(["mine"]);
    await store.put({ name: "theirs", kind: "view", sql: "CREATE VIEW theirs AS SELECT 3 AS c;" });
    const known = knownFrom(kept, back.restored);
    const r = await syncDerived(fresh, store, known, () => false, "DROP TABLE mine");
    await fresh.query("DROP TABLE mine");
    const r2 = await syncDerived(fresh, store, known, () => false, "DROP TABLE mine");
    expect(r.removed).toEqual([]);
    expect(r2.removed).toEqual(["mine"]);
    expect([...store.items.keys()].sort()).toEqual(["theirs", "w"]);
  });

  it("does not copy a table over the limit again while it is unchanged", async () => {
    const store = memoryStore();
    const limit = 64 * 1024;
    const r = await cell(store, "CREATE TABLE big AS SELECT range AS id FROM range(100000)", new Set(), limit);
    expect(r.notKept.map((n) => n.name)).toEqual(["big"]);
    const again = await cell(store, "SELECT count(*) FROM big", new Set(), limit);
    expect(again).toEqual({ kept: [], removed: [], notKept: [] });
    expect(store.puts).toEqual([]);
  });

  it("matches names as whole identifiers", () => {
    expect(mentions("update Spots set x = 1", "spots")).toBe(true);
    expect(mentions('SELECT * FROM "spots"', "spots")).toBe(true);
    expect(mentions("SELECT * FROM spots_2", "spots")).toBe(false);
    expect(mentions("SELECT * FROM my_spots", "spots")).toBe(false);
  });
});
