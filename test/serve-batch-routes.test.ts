import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as batch from "@/app/api/models/[name]/batch/route";
import * as predict from "@/app/api/models/[name]/predict/route";
import * as metrics from "@/app/metrics/route";
import { decodeModel } from "@/lib/onnx/proto";
import type { ExportCheckResult } from "@/lib/onnx/export-check";
import { BATCH_LIMITS, predictFile, type BatchLimits, type BatchRequest } from "@/lib/serve/batch";
import { BatchError } from "@/lib/serve/batch-error";
import { ServeRequestError } from "@/lib/serve/serve-error";
import { getStore } from "@/lib/store";
import { exportedPenguinModel, FEATURES, PENGUINS } from "./serve/exported-model";
import { useRouteStore } from "./route-store";

// Local mode (loopback, no users) until the last test adds a user: requests act as the local admin.
useRouteStore("serve-batch");

const CLASSES = ["Adelie", "Chinstrap", "Gentoo"];
const PREDICTED = ["predicted_label", ...CLASSES.map((c) => `prob_${c}`)];
const COLUMNS = Object.keys(PENGUINS[0]);

/** The penguins with one island blanked (a missing category) and the 2 rows of missing measurements kept. */
const ROWS: Record<string, unknown>[] = PENGUINS.map((r, i) => (i === 5 ? { ...r, Island: null } : r));

/** RFC 4180 text written by hand, not by DuckDB: the input's side of the comparison. */
function toDelimited(rows: Record<string, unknown>[], columns = COLUMNS, sep = ","): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n\t]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [columns.map(cell).join(sep), ...rows.map((r) => columns.map((c) => cell(r[c])).join(sep))].join("\n") + "\n";
}

/** A CSV reader for the answers (quotes, doubled quotes), independent of DuckDB. */
function parseDelimited(text: string, sep = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) row.push(cell), (cell = "");
    else if (ch === "\n") row.push(cell), rows.push(row), (row = []), (cell = "");
    else if (ch !== "\r") cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const ctx = (name: string) => ({ params: Promise.resolve({ name }) });
const post = (url: string, body: BodyInit | null, contentType: string | null, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, { method: "POST", body, headers: { ...(contentType === null ? {} : { "content-type": contentType }), ...headers } });
const batchCsv = (csv: string, query = "", name = "penguins") => batch.POST(post(`/api/models/${name}/batch${query}`, csv, "text/csv"), ctx(name));

async function errorOf(res: Response, status: number): Promise<string> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  return body.error.message;
}

interface Predicted {
  label: string;
  probabilities: number[];
}

/** /predict's answers for the same rows: the independent path the files are compared with. */
async function predictedByRoute(rows: Record<string, unknown>[]): Promise<Predicted[]> {
  const records = rows.map((r) => Object.fromEntries(FEATURES.map((f) => [f, r[f] ?? null])));
  const res = await predict.POST(post("/api/models/penguins/predict", JSON.stringify(records), "application/json"), ctx("penguins"));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { predictions: { label: string; probabilities: Record<string, number> }[] };
  return body.predictions.map((p) => ({ label: p.label, probabilities: CLASSES.map((c) => p.probabilities[c]) }));
}

/** Labels equal, probabilities within 1e-6 (float32 written as text and read back). */
function expectSamePredictions(got: Predicted[], want: Predicted[]) {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => {
    expect(g.label, `row ${i + 1}`).toBe(want[i].label);
    g.probabilities.forEach((p, j) => expect(Math.abs(p - want[i].probabilities[j]), `row ${i + 1}, ${CLASSES[j]}`).toBeLessThan(1e-6));
  });
}

let e: ExportCheckResult;
let scratch: string;
let duck: DuckDBConnection;
let expected: Predicted[];

beforeAll(async () => {
  e = await exportedPenguinModel();
  const store = await getStore();
  const admin = (await store.users.ensureLocalAdmin()).id;
  for (const p of ["fp32", "int8"] as const) {
    const bytes = e.files[p];
    const metadata = Object.fromEntries(decodeModel(bytes).metadata_props.map((m) => [m.key, m.value]));
    await store.models.pushVersion({ model: "penguins", bytes, sha256: p, metadata, reference: e.references[p], verdict: { blessed: true, checks: [] }, runId: null, note: "" }, admin);
  }
  await store.models.moveAlias("penguins", "champion", 1, "first", admin);
  scratch = mkdtempSync(path.join(tmpdir(), "lathe-batchtest-"));
  duck = await (await DuckDBInstance.create(":memory:")).connect();
  expected = await predictedByRoute(ROWS);
});

afterAll(() => {
  duck?.closeSync();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A Parquet file made by DuckDB from the hand-written CSV, with the beak length as DECIMAL and the flipper as INTEGER. */
async function penguinsParquet(): Promise<Uint8Array<ArrayBuffer>> {
  const csv = path.join(scratch, "penguins.csv");
  const parquet = path.join(scratch, "penguins.parquet");
  writeFileSync(csv, toDelimited(ROWS));
  await duck.run(
    `COPY (SELECT * REPLACE (CAST("Beak Length (mm)" AS DECIMAL(5, 1)) AS "Beak Length (mm)", CAST("Flipper Length (mm)" AS INTEGER) AS "Flipper Length (mm)") FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`,
  );
  return new Uint8Array(readFileSync(parquet));
}

async function readParquet(bytes: ArrayBuffer): Promise<{ columns: string[]; types: string[]; rows: Record<string, unknown>[] }> {
  const file = path.join(scratch, `answer-${Math.random().toString(36).slice(2)}.parquet`);
  writeFileSync(file, Buffer.from(bytes));
  const r = await duck.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
  return { columns: r.columnNames(), types: r.columnTypes().map((t) => t.toString()), rows: r.getRowObjectsJS() as Record<string, unknown>[] };
}

function lib(body: BodyInit, contentType: string, more: Partial<BatchRequest> = {}, limits: Partial<BatchLimits> = {}) {
  const req: BatchRequest = { model: "penguins", version: null, body: new Response(body).body, contentType, declaredBytes: null, format: null, out: null, ...more };
  return getStore().then((store) => predictFile(store, req, { ...BATCH_LIMITS, ...limits }));
}

describe("POST /api/models/{name}/batch", () => {
  it("CSV in, CSV out: every input column carried through, predictions equal /predict's for the same records", async () => {
    const res = await batchCsv(toDelimited(ROWS));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="penguins-v1-predictions.csv"');
    expect(res.headers.get("x-lathe-model-version")).toBe("1");
    expect(res.headers.get("x-lathe-rows")).toBe("344");
    const text = await res.text();
    expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    const [header, ...rows] = parseDelimited(text);
    expect(header).toEqual([...COLUMNS, ...PREDICTED]);
    expect(rows).toHaveLength(ROWS.length);
    // Carried through in order: text as written, numbers as the same numbers, missing as empty.
    rows.forEach((r, i) => {
      expect(r[COLUMNS.indexOf("Species")]).toBe(ROWS[i].Species);
      expect(r[COLUMNS.indexOf("Island")]).toBe((ROWS[i].Island as string | null) ?? "");
      const mass = r[COLUMNS.indexOf("Body Mass (g)")];
      expect(mass === "" ? null : Number(mass)).toBe(ROWS[i]["Body Mass (g)"]);
    });
    const k = COLUMNS.length;
    expectSamePredictions(
      rows.map((r) => ({ label: r[k], probabilities: r.slice(k + 1).map(Number) })),
      expected,
    );
  });

  it("runs in chunks: a file longer than a chunk answers the same, and a bad value is named by its row in the file", async () => {
    const a = await lib(toDelimited(ROWS), "text/csv", {}, { chunkRows: 100 });
    const rows = parseDelimited(await new Response(a.body).text()).slice(1);
    const k = COLUMNS.length;
    expectSamePredictions(rows.map((r) => ({ label: r[k], probabilities: r.slice(k + 1).map(Number) })), expected);
    const bad = ROWS.map((r, i) => (i === 249 ? { ...r, [FEATURES[1]]: "long" } : r));
    await expect(lib(toDelimited(bad), "text/csv", {}, { chunkRows: 100 })).rejects.toThrow(new ServeRequestError("bad_value", `row 250, "Beak Length (mm)": expected a number or null, got "long"`));
  });

  it("Parquet in, Parquet out (read back with DuckDB); ?out=csv from Parquet; application/octet-stream with ?format=parquet", async () => {
    const parquet = await penguinsParquet();
    const res = await batch.POST(post("/api/models/penguins/batch", parquet, "application/vnd.apache.parquet"), ctx("penguins"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="penguins-v1-predictions.parquet"');
    const back = await readParquet(await res.arrayBuffer());
    expect(back.columns).toEqual([...COLUMNS, ...PREDICTED]);
    expect(back.types.slice(COLUMNS.length)).toEqual(["VARCHAR", "FLOAT", "FLOAT", "FLOAT"]);
    expect(back.types[COLUMNS.indexOf("Beak Length (mm)")]).toBe("DECIMAL(5,1)");
    expect(back.rows.map((r) => r.Species)).toEqual(ROWS.map((r) => r.Species));
    expectSamePredictions(
      back.rows.map((r) => ({ label: r.predicted_label as string, probabilities: CLASSES.map((c) => r[`prob_${c}`] as number) })),
      expected,
    );

    const asCsv = await batch.POST(post("/api/models/penguins/batch?out=csv", parquet, "application/vnd.apache.parquet"), ctx("penguins"));
    expect(asCsv.headers.get("content-disposition")).toBe('attachment; filename="penguins-v1-predictions.csv"');
    expect(parseDelimited(await asCsv.text())).toHaveLength(ROWS.length + 1);
    const octets = await batch.POST(post("/api/models/penguins/batch?format=parquet", parquet, "application/octet-stream"), ctx("penguins"));
    expect(octets.status).toBe(200);
    expect((await readParquet(await octets.arrayBuffer())).rows).toHaveLength(ROWS.length);
  });

  it("TSV in, TSV out by default", async () => {
    const res = await batch.POST(post("/api/models/penguins/batch", toDelimited(ROWS.slice(0, 20), COLUMNS, "\t"), "text/tab-separated-values"), ctx("penguins"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="penguins-v1-predictions.tsv"');
    const [header, ...rows] = parseDelimited(await res.text(), "\t");
    expect(header).toEqual([...COLUMNS, ...PREDICTED]);
    expectSamePredictions(rows.map((r) => ({ label: r[COLUMNS.length], probabilities: r.slice(COLUMNS.length + 1).map(Number) })), expected.slice(0, 20));
  });

  it("?version= asks that version (no traffic routing); an unknown version or model is 404", async () => {
    const res = await batchCsv(toDelimited(ROWS), "?version=2");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-lathe-model-version")).toBe("2");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="penguins-v2-predictions.csv"');
    const rows = parseDelimited(await res.text()).slice(1);
    const k = COLUMNS.length;
    // The int8 version: the same model quantized, so nearly every label agrees with fp32 and the probabilities are close but not equal.
    const agree = rows.filter((r, i) => r[k] === expected[i].label).length;
    expect(agree / rows.length).toBeGreaterThan(0.9);
    expect(rows.some((r, i) => Math.abs(Number(r[k + 1]) - expected[i].probabilities[0]) > 1e-6)).toBe(true);

    expect(await errorOf(await batchCsv(toDelimited(ROWS), "?version=99"), 404)).toBeTruthy();
    expect(await errorOf(await batchCsv(toDelimited(ROWS), "", "nobody"), 404)).toMatch(/model not found: nobody/);
    expect(await errorOf(await batchCsv(toDelimited(ROWS), "?version=x"), 400)).toMatch(/version: not a version number/);
  });

  it("a missing model input is 400 naming it; extra columns are carried through; a prediction column already in the file is refused", async () => {
    const noFlipper = COLUMNS.filter((c) => c !== FEATURES[2]);
    expect(await errorOf(await batchCsv(toDelimited(ROWS, noFlipper)), 400)).toMatch(/^column "Flipper Length \(mm\)": missing from the file; the model reads "Island", "Beak Length \(mm\)", "Flipper Length \(mm\)"$/);
    const lower = toDelimited(ROWS.map((r) => ({ ...r, island: r.Island })), ["island", FEATURES[1], FEATURES[2]]);
    expect(await errorOf(await batchCsv(lower), 400)).toMatch(/column "Island": missing from the file \(the file has "island"; names must match exactly\)/);
    const clash = toDelimited(ROWS.map((r) => ({ ...r, PROB_adelie: 1 })), [...FEATURES, "PROB_adelie"]);
    expect(await errorOf(await batchCsv(clash), 400)).toMatch(/column "prob_Adelie": the file already has a column of this name/);
  });

  it("a value of the wrong type is 400 naming the column and the row, as /predict names the record", async () => {
    const bad = ROWS.map((r, i) => (i === 2 ? { ...r, [FEATURES[1]]: "long" } : r));
    expect(await errorOf(await batchCsv(toDelimited(bad)), 400)).toBe(`row 3, "Beak Length (mm)": expected a number or null, got "long"`);
  });

  it("a file that is not one is 400 with DuckDB's reason and no server path; empty files are 400", async () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    const asCsv = await errorOf(await batch.POST(post("/api/models/penguins/batch", garbage, "text/csv"), ctx("penguins")), 400);
    expect(asCsv).toMatch(/^file: not readable as CSV: /);
    expect(asCsv).not.toContain(tmpdir());
    const asParquet = await errorOf(await batch.POST(post("/api/models/penguins/batch", garbage, "application/vnd.apache.parquet"), ctx("penguins")), 400);
    expect(asParquet).toMatch(/^file: not readable as Parquet: .*upload\.parquet/);
    expect(asParquet).not.toContain(tmpdir());

    // One row with more fields than the header: refused, not read as one wide column or with that row as the header.
    const ragged = toDelimited(ROWS).replace(/\n(.*)\n/, "\n$1,extra,fields\n");
    expect(await errorOf(await batchCsv(ragged), 400)).toMatch(/^file: not readable as CSV: .*; check that every row has as many fields as the header \(commas\), quotes are closed, and the file is UTF-8 text$/);

    const parquet = await penguinsParquet();
    const truncated = await errorOf(await batch.POST(post("/api/models/penguins/batch", parquet.subarray(0, parquet.length - 100), "application/vnd.apache.parquet"), ctx("penguins")), 400);
    expect(truncated).toMatch(/^file: not readable as Parquet: /);

    expect(await errorOf(await batchCsv(""), 400)).toBe("body: empty; send the file's bytes as the request body");
    expect(await errorOf(await batchCsv(toDelimited([])), 400)).toBe("file: no rows below the header; nothing to predict");
  });

  it("formats it cannot tell or does not handle are 400 saying what to send", async () => {
    const csv = toDelimited(ROWS.slice(0, 3));
    expect(await errorOf(await batch.POST(post("/api/models/penguins/batch", csv, "application/octet-stream"), ctx("penguins")), 400)).toMatch(/format: Content-Type application\/octet-stream does not say/);
    expect(await errorOf(await batch.POST(post("/api/models/penguins/batch", csv, "multipart/form-data; boundary=x"), ctx("penguins")), 400)).toMatch(/send the file itself as the body/);
    expect(await errorOf(await batchCsv(csv, "?out=xlsx"), 400)).toMatch(/^out: "xlsx" is not a format/);
    expect((await batch.POST(post("/api/models/penguins/batch?format=csv", csv, null), ctx("penguins"))).status).toBe(200);
  });

  it("limits: bytes (413, also from Content-Length alone), rows, jobs at once (503); a client gone stops the job", async () => {
    const jobDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith("lathe-batch-"));
    const before = new Set(jobDirs());
    const csv = toDelimited(ROWS);
    await expect(lib(csv, "text/csv", {}, { maxBytes: 1000 })).rejects.toThrow(new BatchError("too_large", "body: over this server's limit of 1000 bytes; split the file"));
    await expect(lib(csv, "text/csv", { declaredBytes: 2000 }, { maxBytes: 1000 })).rejects.toMatchObject({ code: "too_large" });
    await expect(lib(csv, "text/csv", {}, { maxRows: 100 })).rejects.toThrow(new BatchError("too_many_rows", "file: more than this server's limit of 100 rows; split the file"));
    const atLimit = await lib(csv, "text/csv", {}, { maxRows: 344 });
    expect(atLimit.rows).toBe(344);
    await atLimit.body.cancel();
    await expect(lib(csv, "text/csv", {}, { maxConcurrent: 0 })).rejects.toMatchObject({ code: "busy" });
    const gone = new AbortController();
    gone.abort();
    await expect(lib(csv, "text/csv", { signal: gone.signal })).rejects.toMatchObject({ code: "cancelled" });
    // Nothing left behind: every job's folder is gone once its answer has been read.
    expect(jobDirs().filter((d) => !before.has(d))).toEqual([]);
    // And the server still answers.
    expect((await batchCsv(csv)).status).toBe(200);
  });

  it("is counted in /metrics under route batch, rows included", async () => {
    const text = await (await metrics.GET(new Request("http://localhost/metrics"))).text();
    expect(text).toMatch(/^lathe_inference_requests_total\{model="penguins",version="1",route="batch"\} \d+$/m);
    expect(text).toMatch(/^lathe_inference_errors_total\{model="penguins",route="batch",status="400"\} \d+$/m);
  });

  it("a token without the inference scope is refused (403), one with it answers, none is 401", async () => {
    const store = await getStore();
    const user = await store.users.createUser({ username: "batcher", displayName: "Batcher", role: "viewer" }, "password123");
    const readOnly = await store.users.createToken(user.id, "read only", ["read"]);
    const inference = await store.users.createToken(user.id, "inference", ["inference"]);
    const csv = toDelimited(ROWS.slice(0, 5));
    const as = (token?: string) => batch.POST(post("/api/models/penguins/batch", csv, "text/csv", token ? { authorization: `Bearer ${token}` } : {}), ctx("penguins"));
    expect(await errorOf(await as(readOnly.token), 403)).toMatch(/scope inference/);
    const ok = await as(inference.token);
    expect(ok.status).toBe(200);
    expect(parseDelimited(await ok.text())).toHaveLength(6);
    expect((await as()).status).toBe(401);
  });
});
