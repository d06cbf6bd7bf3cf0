import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Literal, SliceExpr } from "@/lib/eval/slices/ast";
import { compileSlice } from "@/lib/eval/slices/compile";
import { SliceError } from "@/lib/eval/slices/errors";
import { parseSlice } from "@/lib/eval/slices/parse";
import { quantileBin, quantileEdges, quantileEdgesSql, quantileRefs, type QuantileEdges } from "@/lib/eval/slices/quantile-edges";

/*
 * The compiled SQL is run in real DuckDB (@duckdb/node-api) and the rows it
 * selects are counted again in JS by a separate evaluator of the AST below
 * (SQL's three-valued logic, written from the SQL standard's truth tables,
 * not from compile.ts).
 */

type Row = Record<string, unknown>;
type Truth = boolean | null;

function cmp(a: unknown, b: unknown): number {
  return a === b ? 0 : (a as number | string) < (b as number | string) ? -1 : 1;
}

function lit(v: Literal): unknown {
  return v.value;
}

/** Bin of x among edges by counting the edges at or below it (left-closed bins, independent of quantileBin). */
function binOf(x: number, edges: readonly number[]): number {
  return 1 + edges.filter((e) => x >= e).length;
}

function evaluate(e: SliceExpr, row: Row, edges: readonly QuantileEdges[] = []): Truth {
  const and = (xs: Truth[]): Truth => (xs.includes(false) ? false : xs.includes(null) ? null : true);
  const or = (xs: Truth[]): Truth => (xs.includes(true) ? true : xs.includes(null) ? null : false);
  const not = (x: Truth): Truth => (x === null ? null : !x);
  switch (e.kind) {
    case "and":
      return and(e.args.map((a) => evaluate(a, row, edges)));
    case "or":
      return or(e.args.map((a) => evaluate(a, row, edges)));
    case "not":
      return not(evaluate(e.arg, row, edges));
    case "null":
      return (row[e.column] == null) !== e.negated;
  }
  const v = row[e.column];
  if (v == null) return null;
  switch (e.kind) {
    case "compare": {
      const c = cmp(v, lit(e.value));
      return { "=": c === 0, "!=": c !== 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0 }[e.op];
    }
    case "in":
      return e.values.some((x) => cmp(v, lit(x)) === 0) !== e.negated;
    case "between":
      return (cmp(v, lit(e.low)) >= 0 && cmp(v, lit(e.high)) <= 0) !== e.negated;
    case "quantile": {
      const q = edges.find((x) => x.column === e.column && x.bins === e.bins)!;
      return e.values.includes(binOf(v as number, q.edges)) !== e.negated;
    }
  }
}

let db: DuckDBInstance;
let conn: DuckDBConnection;

async function count(sql: string): Promise<number> {
  const rows = (await conn.runAndReadAll(sql)).getRowsJS();
  return Number(rows[0][0]);
}

async function columnTypes(table: string): Promise<Record<string, string>> {
  const rows = (await conn.runAndReadAll(`DESCRIBE "${table}"`)).getRowObjectsJS();
  return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.column_type)]));
}

beforeAll(async () => {
  db = await DuckDBInstance.create(":memory:");
  conn = await db.connect();
});

afterAll(() => {
  conn?.closeSync();
  db?.closeSync();
});

const PENGUINS_FILE = resolve(process.cwd(), "node_modules/vega-datasets/data/penguins.json");
const penguins: Row[] = JSON.parse(readFileSync(PENGUINS_FILE, "utf8"));

describe("compileSlice: the SQL text", () => {
  const columns = { age: "INTEGER", name: "VARCHAR", male: "BOOLEAN", day: "DATE", at: "TIMESTAMP WITH TIME ZONE", tags: "VARCHAR[]", x: "DOUBLE" };
  it.each([
    ["age = 3", `COALESCE(("age" = 3), FALSE)`],
    ["AGE >= -1.5", `COALESCE(("age" >= -1.5), FALSE)`], // DuckDB names ignore case; the schema's spelling is used
    ["name NOT IN ('a', 'it''s')", `COALESCE(("name" NOT IN ('a', 'it''s')), FALSE)`],
    ["age BETWEEN 1 AND 2 OR NOT male = TRUE", `COALESCE((("age" BETWEEN 1 AND 2) OR (NOT ("male" = TRUE))), FALSE)`],
    ["day < DATE '2024-01-01' AND at >= DATE '2024-01-01'", `COALESCE((("day" < DATE '2024-01-01') AND ("at" >= DATE '2024-01-01')), FALSE)`],
    ["tags IS NOT NULL", `COALESCE(("tags" IS NOT NULL), FALSE)`],
    ["x = 1e21", `COALESCE(("x" = 1e+21), FALSE)`],
    ["q(x, 4) = 1", `COALESCE(("x" < 1), FALSE)`],
    ["q(x, 4) = 2", `COALESCE(("x" >= 1 AND "x" < 2.5), FALSE)`],
    ["q(x, 4) != 4", `COALESCE((NOT ("x" >= 3)), FALSE)`],
    ["q(x, 4) IN (1, 4)", `COALESCE((("x" < 1) OR ("x" >= 3)), FALSE)`],
  ])("%s", (text, sql) => {
    expect(compileSlice(parseSlice(text), { columns, quantileEdges: [{ column: "x", bins: 4, edges: [1, 2.5, 3] }] })).toBe(sql);
  });

  it.each<[string, Record<string, string>, SliceError["code"], RegExp]>([
    ["agee = 3", { age: "INTEGER" }, "unknown_column", /^slice: unknown column agee$/],
    ['"Age" = 1', { age: "INTEGER", AGE: "INTEGER" }, "unknown_column", /matches several columns ignoring case: age, AGE/],
    ["age = '3'", { age: "INTEGER" }, "type_mismatch", /^slice: '3' does not fit column age \(INTEGER\): expected a number$/],
    ["name = 3", { name: "VARCHAR" }, "type_mismatch", /^slice: 3 does not fit column name \(VARCHAR\): expected a string$/],
    ["name IN ('a', 2)", { name: "VARCHAR" }, "type_mismatch", /2 does not fit column name/],
    ["day = '2024-01-01'", { day: "DATE" }, "type_mismatch", /expected a DATE$/],
    ["male < TRUE", { male: "BOOLEAN" }, "type_mismatch", /^slice: < cannot be used on column male \(BOOLEAN\): it has no order$/],
    ["male = 1", { male: "BOOLEAN" }, "type_mismatch", /expected TRUE or FALSE$/],
    ["tags = 'a'", { tags: "VARCHAR[]" }, "type_mismatch", /expected only IS NULL or IS NOT NULL$/],
    ["q(name, 4) = 1", { name: "VARCHAR" }, "type_mismatch", /^slice: quantile bins need a numeric column; name is VARCHAR$/],
    ["q(y, 4) = 1", { y: "DOUBLE" }, "missing_quantile_edges", /^slice: no bin edges supplied for q\(y, 4\)$/],
    ["q(x, 10) = 1", { x: "DOUBLE" }, "missing_quantile_edges", /no bin edges supplied for q\(x, 10\)/],
  ])("%s is refused", (text, columns, code, message) => {
    const run = () => compileSlice(parseSlice(text), { columns, quantileEdges: [{ column: "x", bins: 4, edges: [1, 2, 3] }] });
    expect(run).toThrow(SliceError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (e) {
      expect((e as SliceError).code).toBe(code);
    }
  });

  it("refuses malformed edges", () => {
    const ast = parseSlice("q(x, 4) = 1");
    for (const edges of [[1, 2], [1, 3, 2], [1, NaN, 3]]) {
      expect(() => compileSlice(ast, { columns: { x: "DOUBLE" }, quantileEdges: [{ column: "x", bins: 4, edges }] })).toThrow(
        /needs 3 finite non-decreasing edges/,
      );
    }
  });

  it("checks a hand-built AST before emitting anything", () => {
    const bad = { kind: "compare", column: "x", op: "= 1; DROP TABLE t; --", value: { kind: "number", value: 1 } } as unknown as SliceExpr;
    expect(() => compileSlice(bad, { columns: { x: "DOUBLE" } })).toThrow(/unknown operator/);
  });
});

describe("compiled slices select the same rows in DuckDB as in JS (vega-datasets penguins.json, 344 rows)", () => {
  let columns: Record<string, string>;
  const edges: QuantileEdges[] = [];

  beforeAll(async () => {
    await conn.run(`CREATE TABLE penguins AS SELECT * FROM read_json('${PENGUINS_FILE.replaceAll("'", "''")}')`);
    columns = await columnTypes("penguins");
    for (const [column, bins] of [["Flipper Length (mm)", 4], ["Body Mass (g)", 10], ["Beak Depth (mm)", 3]] as const) {
      const got = (await conn.runAndReadAll(quantileEdgesSql("penguins", column, bins))).getRowsJS()[0][0] as number[];
      edges.push({ column, bins, edges: got.map(Number) });
    }
  });

  it("the table's species counts are palmerpenguins' published ones (Adelie 152, Chinstrap 68, Gentoo 124)", async () => {
    // Horst, Hill & Gorman, palmerpenguins R package (2020), penguins data set: 344 rows.
    for (const [species, n] of [["Adelie", 152], ["Chinstrap", 68], ["Gentoo", 124]] as const) {
      const sql = compileSlice(parseSlice(`Species = '${species}'`), { columns });
      expect(await count(`SELECT count(*) FROM penguins WHERE ${sql}`)).toBe(n);
    }
  });

  it("DuckDB's quantile_cont edges equal the type-7 quantiles computed in JS", () => {
    for (const q of edges) {
      const values = penguins.map((r) => r[q.column]).filter((v): v is number => typeof v === "number");
      const js = quantileEdges(values, q.bins);
      expect(q.edges.length).toBe(q.bins - 1);
      q.edges.forEach((e, i) => expect(e).toBeCloseTo(js[i], 9));
    }
  });

  it.each([
    "Species = 'Adelie'",
    "Species != 'Adelie'",
    "NOT Species = 'Adelie'",
    "Island IN ('Biscoe', 'Dream') AND Sex = 'FEMALE'",
    "Island NOT IN ('Biscoe')",
    "Sex IS NULL",
    "Sex IS NOT NULL AND Sex NOT IN ('MALE', 'FEMALE')",
    "Sex != 'MALE'",
    "NOT (Sex = 'MALE' OR Sex = 'FEMALE')",
    '"Flipper Length (mm)" > 200',
    '"Flipper Length (mm)" BETWEEN 190 AND 200',
    '"Flipper Length (mm)" NOT BETWEEN 190 AND 200',
    '"Beak Length (mm)" <= 39.1 OR "Beak Depth (mm)" >= 20.5 AND Species = \'Adelie\'',
    '("Beak Length (mm)" <= 39.1 OR "Beak Depth (mm)" >= 20.5) AND Species = \'Adelie\'',
    '"Body Mass (g)" < 3000 OR "Body Mass (g)" IS NULL',
    'q("Flipper Length (mm)", 4) = 1',
    'q("Flipper Length (mm)", 4) = 2',
    'q("Flipper Length (mm)", 4) = 3',
    'q("Flipper Length (mm)", 4) = 4',
    'q("Flipper Length (mm)", 4) != 4',
    'q("Body Mass (g)", 10) IN (1, 5, 10) AND q("Beak Depth (mm)", 3) NOT IN (2)',
    "species = 'Gentoo'", // DuckDB names ignore case, and so does the slice
  ])("%s", async (text) => {
    const ast = parseSlice(text);
    const sql = compileSlice(ast, { columns, quantileEdges: edges });
    // The JS evaluator reads row fields by exact name.
    const exactAst = parseSlice(text.replace(/^species\b/, "Species"));
    const want = penguins.filter((r) => evaluate(exactAst, r, edges) === true).length;
    const inSlice = await count(`SELECT count(*) FROM penguins WHERE ${sql}`);
    const inRest = await count(`SELECT count(*) FROM penguins WHERE NOT ${sql}`);
    expect(inSlice).toBe(want);
    // COALESCE(…, FALSE): every row is in the slice or the rest, NULLs included.
    expect(inSlice + inRest).toBe(344);
  });

  it("four quantile bins of flipper length partition the non-null rows", async () => {
    const sizes: number[] = [];
    for (let b = 1; b <= 4; b++) {
      sizes.push(await count(`SELECT count(*) FROM penguins WHERE ${compileSlice(parseSlice(`q("Flipper Length (mm)", 4) = ${b}`), { columns, quantileEdges: edges })}`));
    }
    expect(sizes.reduce((a, b) => a + b)).toBe(342); // 2 rows have no flipper length
    for (const n of sizes) expect(n).toBeGreaterThan(60);
  });
});

describe("quantile bins are closed on the left, as numpy.digitize and R's cut(right = FALSE)", () => {
  it("q(x, 4) over 0…4 has edges 1, 2, 3 and bins 1, 2, 3, 4, 4 (R: cut(0:4, c(-Inf, 1, 2, 3, Inf), right = FALSE, labels = FALSE))", async () => {
    await conn.run("CREATE TABLE five AS SELECT range::DOUBLE AS x FROM range(5)");
    const got = (await conn.runAndReadAll(quantileEdgesSql("five", "x", 4))).getRowsJS()[0][0] as number[];
    expect(got.map(Number)).toEqual([1, 2, 3]);
    expect(quantileEdges([0, 1, 2, 3, 4], 4)).toEqual([1, 2, 3]);
    const bins: number[] = [];
    for (let x = 0; x < 5; x++) {
      for (let b = 1; b <= 4; b++) {
        const sql = compileSlice(parseSlice(`q(x, 4) = ${b}`), { columns: { x: "DOUBLE" }, quantileEdges: [{ column: "x", bins: 4, edges: got }] });
        if ((await count(`SELECT count(*) FROM five WHERE x = ${x} AND ${sql}`)) === 1) bins.push(b);
      }
      expect(quantileBin(x, got)).toBe(bins[x]);
    }
    expect(bins).toEqual([1, 2, 3, 4, 4]);
  });

  it("numpy.digitize's documented example: x = [0.2, 6.4, 3.0, 1.6] in bins [0, 1, 2.5, 4, 10] → [1, 4, 3, 2]", async () => {
    // The interior edges are 1, 2.5, 4; the outer ones (0, 10) are unbounded here, which changes nothing for these x.
    const edges = [1, 2.5, 4];
    await conn.run("CREATE TABLE digitize AS SELECT * FROM (VALUES (0, 0.2), (1, 6.4), (2, 3.0), (3, 1.6)) t(i, x)");
    const got: number[] = [];
    for (const [i, x] of [0.2, 6.4, 3.0, 1.6].entries()) {
      for (let b = 1; b <= 4; b++) {
        const sql = compileSlice(parseSlice(`q(x, 4) = ${b}`), { columns: { x: "DOUBLE" }, quantileEdges: [{ column: "x", bins: 4, edges }] });
        if ((await count(`SELECT count(*) FROM digitize WHERE i = ${i} AND ${sql}`)) === 1) got.push(b);
      }
      expect(quantileBin(x, edges)).toBe(got[i]);
    }
    expect(got).toEqual([1, 4, 3, 2]);
  });

  it("quantileRefs lists what the caller must measure", () => {
    expect(quantileRefs(parseSlice("q(a, 4) = 1 OR q(b, 10) IN (1, 2) AND NOT q(a, 4) = 2 AND q(a, 5) = 1"))).toEqual([
      { column: "a", bins: 4 },
      { column: "b", bins: 10 },
      { column: "a", bins: 5 },
    ]);
  });
});

describe("hostile names and values reach DuckDB as data, never as SQL", () => {
  const NAMES = {
    drop: 'x"; DROP TABLE hostile; --',
    quote: "it's",
    keyword: "select",
    emoji: "🐧 name",
    digit: "1st",
  };
  const VALUES = ["'); DROP TABLE hostile; --", "O'Brien", "back\\slash", "new\nline", '"dq"', "x' OR '1'='1", "$$ $tag$", "--"];

  beforeAll(async () => {
    // Built with hand-written quoting (not compile.ts's): names with " doubled, strings with ' doubled.
    const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const s = (v: string) => `'${v.replaceAll("'", "''")}'`;
    await conn.run(
      `CREATE TABLE hostile (${q(NAMES.drop)} VARCHAR, ${q(NAMES.quote)} INTEGER, ${q(NAMES.keyword)} BOOLEAN, ${q(NAMES.emoji)} DATE, ${q(NAMES.digit)} DOUBLE)`,
    );
    const rows = VALUES.map((v, i) => `(${s(v)}, ${i}, ${i % 2 === 0 ? "TRUE" : "FALSE"}, DATE '2024-01-0${i + 1}', ${i * 1.5})`);
    await conn.run(`INSERT INTO hostile VALUES ${rows.join(", ")}, (NULL, NULL, NULL, NULL, NULL)`);
  });

  it.each<[string, SliceExpr, number]>([
    ...VALUES.map((v): [string, SliceExpr, number] => [`value ${JSON.stringify(v)}`, { kind: "compare", column: NAMES.drop, op: "=", value: { kind: "string", value: v } }, 1]),
    ["IN over every hostile value", { kind: "in", column: NAMES.drop, negated: false, values: VALUES.map((value) => ({ kind: "string", value })) }, 8],
    ["an integer column named it's", { kind: "compare", column: NAMES.quote, op: ">=", value: { kind: "number", value: 6 } }, 2],
    ["a boolean column named select", { kind: "compare", column: NAMES.keyword, op: "=", value: { kind: "boolean", value: true } }, 4],
    ["a date column named with an emoji", { kind: "between", column: NAMES.emoji, negated: false, low: { kind: "date", value: "2024-01-02" }, high: { kind: "date", value: "2024-01-04" } }, 3],
    ["a column named 1st, NOT IN", { kind: "in", column: NAMES.digit, negated: true, values: [{ kind: "number", value: 0 }, { kind: "number", value: 1.5 }] }, 6],
    ["IS NULL on the DROP column", { kind: "null", column: NAMES.drop, negated: false }, 1],
  ])("%s", async (_label, ast, want) => {
    const columns = await columnTypes("hostile");
    const sql = compileSlice(ast, { columns });
    expect(await count(`SELECT count(*) FROM hostile WHERE ${sql}`)).toBe(want);
    expect(await count("SELECT count(*) FROM hostile")).toBe(9); // still there, still whole
  });

  it("round-trips the same slices through text", async () => {
    const columns = await columnTypes("hostile");
    for (const v of VALUES) {
      const text = `"${NAMES.drop.replaceAll('"', '""')}" = '${v.replaceAll("'", "''")}'`;
      expect(await count(`SELECT count(*) FROM hostile WHERE ${compileSlice(parseSlice(text), { columns })}`)).toBe(1);
    }
  });
});
