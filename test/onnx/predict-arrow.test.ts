import { createRequire } from "node:module";
import { Dictionary, Int32, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeToArrowStream } from "@/lib/data/decode";
import type { Db } from "@/lib/data/db";
import { decodeModel } from "@/lib/onnx/proto";
import type { ExportCheckResult } from "@/lib/onnx/export-check";
import { feedsFromArrow } from "@/lib/onnx/feeds-from-arrow";
import { predictModelOf, predictTable, PredictError, withPredictions, type PredictModel, type Session } from "@/lib/onnx/predict-arrow";
import { feedsFromRecords } from "@/lib/serve/records";
import { openNodeDuckDb, sampleBytes } from "@/test/duckdb-node";
import { exportedPenguinModel, FEATURES, PENGUINS } from "../serve/exported-model";
import { matrix, nodeRunner, runOnnx, webRunner } from "./ort-node";

/*
 * The reference for the browser's predictions is the server's path: the
 * JSON records of the same penguins through lib/serve/records.ts, run in
 * onnxruntime-node in one go. The browser's path reads DuckDB's Arrow answer
 * in chunks and runs onnxruntime-web's own WASM build.
 */

// DuckDB-WASM's Node build loads apache-arrow through require(): its tables
// are the CommonJS build's, so they cross to this (ESM) side as IPC bytes,
// as they cross from the page to the worker in the browser.
const cjsArrow = createRequire(import.meta.url)("apache-arrow") as typeof import("apache-arrow");

let db: Db & { close(): void };
let exported: ExportCheckResult;
let model: PredictModel;
let table: Table;
beforeAll(async () => {
  db = await openNodeDuckDb();
  await db.insertArrowStream(decodeToArrowStream("json", "penguins.json", sampleBytes("penguins.json")), "penguins");
  table = tableFromIPC(cjsArrow.tableToIPC((await db.query("SELECT * FROM penguins")) as never, "stream"));
  exported = await exportedPenguinModel(1, 20);
  model = predictModelOf(Object.fromEntries(decodeModel(exported.files.fp32).metadata_props.map((p) => [p.key, p.value])));
});
afterAll(() => db.close());

async function session(runner = webRunner): Promise<Session & { release(): Promise<void> }> {
  return runner.load(exported.files.fp32);
}

describe("predictModelOf", () => {
  it("reads the inputs, task and classes an export writes", () => {
    expect(model.task).toBe("multiclass");
    expect(model.classes).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
    expect(model.inputs.map((s) => [s.name, s.kind])).toEqual([
      ["Island", "categorical"],
      ["Beak Length (mm)", "numeric"],
      ["Flipper Length (mm)", "numeric"],
    ]);
  });

  it("refuses metadata it cannot call a model by", () => {
    expect(() => predictModelOf({})).toThrow(/lathe\.inputs does not list the model's inputs/);
    expect(() => predictModelOf({ "lathe.inputs": "[{", "lathe.task": "binary" })).toThrow(/not readable JSON/);
    expect(() => predictModelOf({ "lathe.inputs": '[{"name":"x","kind":"numeric","type":"float","width":1}]', "lathe.task": "ranking" })).toThrow(/lathe\.task is "ranking"/);
    expect(() => predictModelOf({ "lathe.inputs": '[{"name":"x","kind":"numeric","type":"float","width":1}]', "lathe.task": "binary", "lathe.classes": '["yes"]' })).toThrow(/classes/);
  });
});

describe("predictTable in chunks (onnxruntime-web) against records in one run (onnxruntime-node)", () => {
  it("gives the same labels and probabilities for every penguin, and reports progress per chunk", async () => {
    const records = PENGUINS.map((r) => Object.fromEntries(FEATURES.map((f) => [f, r[f] ?? null])));
    const reference = await runOnnx(exported.files.fp32, feedsFromRecords(records, model.inputs, { maxRows: records.length }).feeds);
    const s = await session();
    const progress: number[] = [];
    try {
      const p = await predictTable(s, table, model, { chunkRows: 100, onProgress: (done, total) => progress.push(done / total) });
      expect(progress).toEqual([100 / 344, 200 / 344, 300 / 344, 1]);
      if (p.kind !== "classes") throw new Error("expected classes");
      expect(p.labels).toEqual(reference.predicted_label.data);
      const want = matrix(reference.probabilities);
      // Two runtimes on float32: equal to 1e-6 in probability.
      want.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(p.probabilities[i * 3 + j] - x)).toBeLessThan(1e-6)));
    } finally {
      await s.release();
    }
  });

  it("stops between chunks when cancelled, and refuses an empty table or a clashing column", async () => {
    const s = await session(nodeRunner);
    try {
      let chunks = 0;
      const run = predictTable(s, table, model, { chunkRows: 50, onProgress: () => chunks++, cancelled: () => chunks >= 2 });
      await expect(run).rejects.toMatchObject({ code: "cancelled" });
      expect(chunks).toBe(2);
      await expect(predictTable(s, table.slice(0, 0), model)).rejects.toThrow("the table has no rows; nothing to predict");
      const withClash = tableFromIPC(cjsArrow.tableToIPC((await db.query(`SELECT *, 1.0 AS "PROB_GENTOO" FROM penguins`)) as never, "stream"));
      const e = await predictTable(s, withClash, model).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PredictError);
      expect((e as PredictError).message).toMatch(/^column "prob_Gentoo": the table already has a column of this name/);
    } finally {
      await s.release();
    }
  });
});

describe("withPredictions", () => {
  it("keeps every input column and adds predicted_label and prob_<class>, which DuckDB reads back as VARCHAR and FLOAT", async () => {
    const s = await session(nodeRunner);
    let p;
    try {
      p = await predictTable(s, table, model);
    } finally {
      await s.release();
    }
    const out = withPredictions(table, model, p);
    expect(out.schema.fields.map((f) => f.name)).toEqual([...table.schema.fields.map((f) => f.name), "predicted_label", "prob_Adelie", "prob_Chinstrap", "prob_Gentoo"]);
    expect(out.numRows).toBe(344);
    if (p.kind !== "classes") throw new Error("expected classes");
    expect(out.getChild("Island")!.toArray()).toEqual(table.getChild("Island")!.toArray());
    expect(out.getChild("prob_Chinstrap")!.get(5)).toBe(p.probabilities[5 * 3 + 1]);

    await db.insertArrowStream(tableToIPC(out, "stream"), "penguins_predictions");
    const types = (await db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'penguins_predictions' AND column_name LIKE 'pr%'`)).toArray().map((r) => [r.column_name, r.data_type]);
    expect(types).toEqual([
      ["predicted_label", "VARCHAR"],
      ["prob_Adelie", "FLOAT"],
      ["prob_Chinstrap", "FLOAT"],
      ["prob_Gentoo", "FLOAT"],
    ]);
    const [row] = (await db.query(`SELECT count(*)::INT AS n, count(*) FILTER (WHERE predicted_label = Species)::INT AS right FROM penguins_predictions`)).toArray();
    expect(row.n).toBe(344);
    // A linear model on island, beak and flipper length gets most penguins right (the premise that the columns line up with their rows).
    expect(row.right / row.n).toBeGreaterThan(0.9);
  });
});

describe("feedsFromArrow on other text columns", () => {
  it("reads dictionary-encoded text (DuckDB's ENUM) and booleans as categories", () => {
    const t = new Table({
      e: vectorFromArray(["Dream", null, "Biscoe"], new Dictionary(new Utf8(), new Int32())),
      b: vectorFromArray([true, false, null]),
    });
    const feeds = feedsFromArrow(t, [
      { name: "e", kind: "categorical", type: "string", width: 1 },
      { name: "b", kind: "categorical", type: "string", width: 1 },
    ]);
    expect(feeds.map((f) => f.data)).toEqual([
      ["Dream", "<missing>", "Biscoe"],
      ["true", "false", "<missing>"],
    ]);
  });
});
