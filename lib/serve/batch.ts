import "server-only";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { JSDuckDBValueConverter, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import { OUTPUTS } from "@/lib/onnx/model-graph";
import type { Store } from "@/lib/store/store";
import { BatchError } from "./batch-error";
import { duckdbReason, openJobDb } from "./batch-duckdb";
import { copyOptions, EXTENSION, FORMAT_NAME, inputFormat, MEDIA_TYPE, outputFormat, readerSql, sqlIdent, sqlString, type BatchFormat } from "./batch-format";
import { recordValue, selectExpression } from "./batch-values";
import { recordAnswer } from "./metrics";
import { tensorsOf } from "./onnx-node";
import { feedsFromRecords } from "./records";
import { loadVersion, resolveVersion, type LoadedModel } from "./sessions";
import { predictionColumns } from "@/lib/onnx/prediction-columns";

/**
 * Offline inference: a CSV, TSV or Parquet file in, the same rows out with
 * prediction columns added. The upload is spooled to a temp folder, DuckDB
 * reads it (sniffing a CSV's types) into a table, the model runs on
 * `chunkRows` rows at a time so memory stays bounded whatever the file's
 * length, and DuckDB writes the file's columns beside the predictions. The
 * version named, or the champion: a file is one job, not traffic, so no
 * canary or shadow routing.
 */

export interface BatchLimits {
  /** Largest body, bytes; past it 413 (default 100 MiB). */
  maxBytes: number;
  /** Most rows in a file; past it 400 (default 1,000,000). */
  maxRows: number;
  /** Rows per session run (default 8,192): bounds the JavaScript side's memory. */
  chunkRows: number;
  /** Jobs running at once in this process; past it 503 (default 2, one per core here). */
  maxConcurrent: number;
}

export const BATCH_LIMITS: BatchLimits = { maxBytes: 100 * 1024 * 1024, maxRows: 1_000_000, chunkRows: 8192, maxConcurrent: 2 };

export interface BatchRequest {
  model: string;
  /** The version named (?version=), or null for the champion. */
  version: number | null;
  body: ReadableStream<Uint8Array> | null;
  contentType: string | null;
  /** Content-Length, when the client sent one: refused early when over the limit. */
  declaredBytes: number | null;
  /** ?format= and ?out=, as given. */
  format: string | null;
  out: string | null;
  /** The request's: a client that went away stops the job between chunks. */
  signal?: AbortSignal;
}

export interface BatchAnswer {
  model: string;
  version: number;
  rows: number;
  format: BatchFormat;
  /** `<model>-v<version>-predictions.<ext>`. */
  filename: string;
  mediaType: string;
  bytes: number;
  body: ReadableStream<Uint8Array>;
}

let running = 0;

export async function predictFile(store: Store, req: BatchRequest, limits: BatchLimits = BATCH_LIMITS): Promise<BatchAnswer> {
  const t0 = performance.now();
  const inFormat = inputFormat(req.contentType, req.format);
  const outFormat = outputFormat(req.out, inFormat);
  // The model first: an unknown model or version is a 404 before any upload is read.
  const m = await loadVersion(store, req.model, await resolveVersion(store, req.model, req.version));
  if (req.declaredBytes !== null && req.declaredBytes > limits.maxBytes) throw tooLarge(limits);
  if (running >= limits.maxConcurrent) throw new BatchError("busy", `busy: ${running} batch ${running === 1 ? "job is" : "jobs are"} running, this server's limit; try again shortly`);
  running++;
  let dir: string | null = null;
  const removeDir = (d: string | null) => (d === null ? Promise.resolve() : rm(d, { recursive: true, force: true }).catch(() => {}));
  try {
    dir = await mkdtemp(path.join(tmpdir(), "lathe-batch-"));
    const input = path.join(dir, `upload.${EXTENSION[inFormat]}`);
    const output = path.join(dir, `predictions.${EXTENSION[outFormat]}`);
    if ((await spool(req.body, input, limits)) === 0) throw new BatchError("empty", "body: empty; send the file's bytes as the request body");
    const rows = await predictInto(m, { input, inFormat, output, outFormat }, limits, req.signal);
    // Streamed from the open file: the folder goes in `finally`, and on POSIX an
    // open file stays readable after unlinking; elsewhere the stream's close removes it.
    const handle = await open(output, "r");
    const { size } = await handle.stat().catch(async (e) => {
      await handle.close();
      throw e;
    });
    const stream = handle.createReadStream();
    const owned = dir;
    stream.once("close", () => void removeDir(owned));
    recordAnswer(m.model, m.version, "batch", rows, (performance.now() - t0) / 1000);
    return {
      model: m.model,
      version: m.version,
      rows,
      format: outFormat,
      filename: `${m.model}-v${m.version}-predictions.${EXTENSION[outFormat]}`,
      mediaType: MEDIA_TYPE[outFormat],
      bytes: size,
      body: Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>,
    };
  } finally {
    running--;
    await removeDir(dir);
  }
}

function tooLarge(limits: BatchLimits): BatchError {
  const mib = 1024 * 1024;
  const limit = limits.maxBytes % mib === 0 ? `${limits.maxBytes / mib} MB` : `${limits.maxBytes} bytes`;
  return new BatchError("too_large", `body: over this server's limit of ${limit}; split the file`);
}

/** Writes the body to `file` as it arrives, refusing it past the limit whatever Content-Length said; the byte count. */
async function spool(body: ReadableStream<Uint8Array> | null, file: string, limits: BatchLimits): Promise<number> {
  const handle = await open(file, "w");
  let total = 0;
  try {
    if (!body) return 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limits);
      }
      await handle.write(value);
    }
    return total;
  } finally {
    await handle.close();
  }
}

interface Files {
  input: string;
  inFormat: BatchFormat;
  output: string;
  outFormat: BatchFormat;
}

/** Reads the file into DuckDB, runs the model over it chunk by chunk, and writes the output file; the row count. */
async function predictInto(m: LoadedModel, f: Files, limits: BatchLimits, signal: AbortSignal | undefined): Promise<number> {
  const db = await openJobDb(path.dirname(f.input));
  const reader = await db.connect();
  const writer = await db.connect();
  try {
    const unreadable = (e: unknown) => {
      const reason = duckdbReason(e, f.input);
      // The sniffer's own words name no line; these are what makes it give up on a file.
      const hint = f.inFormat !== "parquet" && /sniffing/i.test(reason) ? `; check that every row has as many fields as the header${f.inFormat === "csv" ? " (commas)" : " (tabs)"}, quotes are closed, and the file is UTF-8 text` : "";
      return new BatchError("unreadable", `file: not readable as ${FORMAT_NAME[f.inFormat]}: ${reason}${hint}`);
    };
    // LIMIT one past the limit: a huge file stops loading as soon as it is known to be too long.
    await reader.run(`CREATE TABLE input AS SELECT * FROM ${readerSql(f.inFormat, f.input)} LIMIT ${limits.maxRows + 1}`).catch((e) => {
      throw unreadable(e);
    });
    const head = await reader.runAndReadAll("SELECT * FROM input LIMIT 0");
    const columns = head.columnNames();
    const types = head.columnTypes().map((t) => t.typeId);
    const rows = Number((await reader.runAndReadAll("SELECT count(*) FROM input")).getRowsJS()[0][0]);
    if (rows === 0) throw new BatchError("empty", `file: no rows${f.inFormat === "parquet" ? "" : " below the header"}; nothing to predict`);
    if (rows > limits.maxRows) throw new BatchError("too_many_rows", `file: more than this server's limit of ${limits.maxRows.toLocaleString("en")} rows; split the file`);

    const missing = m.inputs.filter((s) => !columns.includes(s.name));
    if (missing.length > 0) throw new BatchError("missing_column", missingMessage(missing.map((s) => s.name), columns, m));
    const outputs = predictionColumns(m.task, m.classes);
    const taken = new Set(columns.map((c) => c.toLowerCase()));
    const clash = outputs.find((c) => taken.has(c.toLowerCase()));
    if (clash !== undefined) throw new BatchError("column_clash", `column "${clash}": the file already has a column of this name, which the predictions add; rename or drop it`);

    await writer.run(`CREATE TABLE predictions (${outputs.map((c, j) => `${sqlIdent(c)} ${j === 0 && m.task !== "regression" ? "VARCHAR" : "FLOAT"}`).join(", ")})`);
    const appender = await writer.createAppender("predictions");
    const select = m.inputs.map((s) => selectExpression(s, types[columns.indexOf(s.name)])).join(", ");
    // One pass in the table's order (one thread keeps insertion order), so
    // predictions append in file order and a positional join lines them up.
    const result = await reader.stream(`SELECT ${select} FROM input`).catch((e) => {
      throw unreadable(e);
    });
    let pending: unknown[][] = m.inputs.map(() => []);
    let done = 0;
    const flush = async () => {
      const n = pending[0].length;
      if (n === 0) return;
      await predictChunk(m, pending, done, appender);
      done += n;
      pending = m.inputs.map(() => []);
    };
    for (;;) {
      if (signal?.aborted) throw new BatchError("cancelled", "request: cancelled by the client");
      const chunk = await result.fetchChunk().catch((e) => {
        throw unreadable(e);
      });
      if (!chunk || chunk.rowCount === 0) break;
      chunk.convertColumns(JSDuckDBValueConverter).forEach((values, j) => {
        for (const v of values) pending[j].push(v);
      });
      if (pending[0].length >= limits.chunkRows) await flush();
    }
    await flush();
    appender.flushSync();
    appender.closeSync();
    if (done !== rows) throw new Error(`batch: predicted ${done} rows of ${rows}`);

    await reader.run(`COPY (SELECT * FROM input POSITIONAL JOIN predictions) TO ${sqlString(f.output)} (${copyOptions(f.outFormat)})`);
    return rows;
  } finally {
    reader.closeSync();
    writer.closeSync();
    db.closeSync();
  }
}

/**
 * Runs the session on one chunk (a column of values per model input, rows
 * `first`… of the file) and appends its predictions. records.ts checks the
 * values, naming a bad one by its row in the file: 1 is the first row below
 * a CSV's header.
 */
async function predictChunk(m: LoadedModel, columns: unknown[][], first: number, appender: DuckDBAppender): Promise<void> {
  const n = columns[0].length;
  const records = Array.from({ length: n }, (_, i) => Object.fromEntries(m.inputs.map((s, j) => [s.name, recordValue(s.kind, columns[j][i])])));
  const { feeds } = feedsFromRecords(records, m.inputs, { maxRows: n, recordName: (i) => `row ${first + i + 1}` });
  const out = await m.session.run(tensorsOf(feeds));
  if (m.task === "regression") {
    const values = out[OUTPUTS.value].data as Float32Array;
    for (let i = 0; i < n; i++) {
      appender.appendFloat(values[i]);
      appender.endRow();
    }
    return;
  }
  const labels = out[OUTPUTS.label].data as string[];
  const probs = out[OUTPUTS.probabilities].data as Float32Array;
  const k = m.classes.length;
  for (let i = 0; i < n; i++) {
    appender.appendVarchar(labels[i]);
    for (let j = 0; j < k; j++) appender.appendFloat(probs[i * k + j]);
    appender.endRow();
  }
}

function missingMessage(missing: string[], columns: string[], m: LoadedModel): string {
  const first = missing[0];
  const near = columns.find((c) => c.toLowerCase() === first.toLowerCase());
  const hint = near !== undefined ? ` (the file has "${near}"; names must match exactly)` : "";
  const more = missing.length > 1 ? ` and ${missing.length - 1} more (${missing.slice(1, 6).map((c) => `"${c}"`).join(", ")})` : "";
  return `column "${first}": missing from the file${hint}${more}; the model reads ${m.inputs.map((s) => `"${s.name}"`).join(", ")}`;
}
